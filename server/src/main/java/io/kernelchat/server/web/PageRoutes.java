package io.kernelchat.server.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The page: files under classpath {@code /webapp/}, with index.html for every other non-/api path (the
 * page routes itself). Opening it with {@code ?token=} sets the cookie and redirects to the same URL without
 * the token, so the token does not stay in the address bar or history.
 */
final class PageRoutes {
  static final String PAGE_CSP = "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline';"
      + " frame-src 'self' blob: data:; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
  private static final Map<String, String> TYPES = Map.of(
      "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
      "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon", "json", "application/json",
      "woff2", "font/woff2", "map", "application/json", "txt", "text/plain; charset=utf-8");
  private final AccessGuard guard;

  PageRoutes(AccessGuard guard) {
    this.guard = guard;
  }

  void serve(Context ctx) throws IOException {
    if (ctx.path().startsWith("/api/") || ctx.path().equals("/api")) {
      throw ApiException.notFound("route", "no such API route: " + ctx.method() + " " + ctx.path());
    }
    String token = ctx.queryParam("token");
    if (token != null) {
      redirectWithoutToken(ctx, token);
      return;
    }
    String path = ctx.path();
    boolean asset = !path.endsWith("/") && path.substring(path.lastIndexOf('/') + 1).contains(".")
        && !path.contains("..") && !path.contains("\\");
    InputStream in = asset ? PageRoutes.class.getResourceAsStream("/webapp" + path) : null;
    if (in == null) {
      in = PageRoutes.class.getResourceAsStream("/webapp/index.html");
      path = "/index.html";
    }
    ctx.header("Content-Security-Policy", PAGE_CSP);
    ctx.header("Referrer-Policy", "no-referrer");
    if (in == null) {
      ctx.status(503).contentType(TYPES.get("txt"))
          .result("The kernelchat page is not built. Build it with: mvn -pl server -am package\n");
      return;
    }
    String ext = path.substring(path.lastIndexOf('.') + 1);
    ctx.contentType(TYPES.getOrDefault(ext, "application/octet-stream"));
    ctx.header("Cache-Control", path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    ctx.result(in);
  }

  private void redirectWithoutToken(Context ctx, String token) {
    if (guard.tokenMatches(token)) {
      ctx.header("Set-Cookie", AccessGuard.COOKIE + "=" + token + "; Path=/; HttpOnly; SameSite=Strict");
    }
    String query = ctx.queryString() == null ? "" : Stream.of(ctx.queryString().split("&"))
        .filter(p -> !URLDecoder.decode(p.split("=", 2)[0], StandardCharsets.UTF_8).equals("token"))
        .collect(Collectors.joining("&"));
    ctx.redirect(ctx.path() + (query.isEmpty() ? "" : "?" + query), io.javalin.http.HttpStatus.FOUND);
  }
}
