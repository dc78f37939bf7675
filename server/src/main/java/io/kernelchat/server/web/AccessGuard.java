package io.kernelchat.server.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Set;

/**
 * Runs before every route. In order: the Host header must name this machine (DNS rebinding); every /api
 * route but health, and every mounted servlet (/mcp), needs the token; a request authenticated only by the cookie
 * that changes state, opens the event stream or reaches a mounted servlet must come from the server's own origin
 * (cross-site request forgery).
 */
final class AccessGuard {
  static final String COOKIE = "kernelchat_token";
  private final byte[] tokenDigest;
  private final Set<String> extraHosts;
  private final Set<String> servletPaths;

  AccessGuard(String token, Set<String> extraHosts, Set<String> servletPaths) {
    this.tokenDigest = digest(token);
    this.extraHosts = extraHosts;
    this.servletPaths = servletPaths;
  }

  void check(HttpServletRequest request) {
    String host = request.getHeader("Host");
    if (host == null || !isAllowedHost(hostName(host))) {
      throw ApiException.forbidden("host", "this server answers only to localhost; add other names with --allowed-host");
    }
    String path = request.getRequestURI();
    boolean servlet = servletPaths.contains(path);
    if (!servlet && (!path.startsWith("/api/") || path.equals("/api/health"))) {
      return;
    }
    if (tokenMatches(headerToken(request.getHeader("Authorization")))) {
      return;
    }
    if (!tokenMatches(cookie(request))) {
      throw ApiException.unauthorized();
    }
    boolean changesState = !Set.of("GET", "HEAD", "OPTIONS").contains(request.getMethod());
    if ((changesState || servlet || path.endsWith("/events")) && !fromOwnPage(request, host, changesState)) {
      throw ApiException.forbidden("origin", "requests that use the cookie must come from the kernelchat page");
    }
  }

  /**
   * Browsers send Origin with every state-changing request, but not with a same-origin GET such as the
   * page's EventSource; there Fetch Metadata ({@code Sec-Fetch-Site}) says where the request came from.
   */
  private static boolean fromOwnPage(HttpServletRequest request, String host, boolean changesState) {
    String origin = request.getHeader("Origin");
    if (origin != null) {
      return origin.equals("http://" + host);
    }
    return !changesState && "same-origin".equals(request.getHeader("Sec-Fetch-Site"));
  }

  private static String cookie(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies != null) {
      for (Cookie c : cookies) {
        if (c.getName().equals(COOKIE)) {
          return c.getValue();
        }
      }
    }
    return null;
  }

  /** Constant time: both sides are hashed first, so neither the length nor a prefix leaks. */
  boolean tokenMatches(String candidate) {
    return candidate != null && MessageDigest.isEqual(tokenDigest, digest(candidate));
  }

  private static String headerToken(String authorization) {
    if (authorization == null) {
      return null;
    }
    String lower = authorization.toLowerCase(Locale.ROOT);
    for (String scheme : new String[] {"bearer ", "token "}) {
      if (lower.startsWith(scheme)) {
        return authorization.substring(scheme.length()).trim();
      }
    }
    return null;
  }

  private boolean isAllowedHost(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("localhost") || n.equals("[::1]") || isLoopbackV4(n) || extraHosts.contains(n);
  }

  private static boolean isLoopbackV4(String name) {
    String[] parts = name.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String p : parts) {
      if (!p.matches("\\d{1,3}") || Integer.parseInt(p) > 255) {
        return false;
      }
    }
    return true;
  }

  /** The host part of a Host header: {@code [::1]:8080 -> [::1]}, {@code localhost:80 -> localhost}. */
  private static String hostName(String hostHeader) {
    if (hostHeader.startsWith("[")) {
      int end = hostHeader.indexOf(']');
      return end < 0 ? hostHeader : hostHeader.substring(0, end + 1);
    }
    int colon = hostHeader.indexOf(':');
    return colon < 0 ? hostHeader : hostHeader.substring(0, colon);
  }

  private static byte[] digest(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
