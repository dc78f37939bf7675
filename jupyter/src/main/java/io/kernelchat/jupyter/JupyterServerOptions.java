package io.kernelchat.jupyter;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach a Jupyter Server or Enterprise Gateway.
 *
 * @param url its base URL, e.g. {@code http://gateway:8888/} (a base path is kept)
 * @param token sent as {@code Authorization: token …}; empty for none
 * @param headers extra headers on every request and WebSocket, e.g. a proxy's auth header
 * @param connectTimeout how long opening a connection may take
 * @param requestTimeout how long a REST request may take (starting a kernel on a cluster can take minutes)
 * @param trustedCertificates a PEM file of the certificates an {@code https} server's may be signed by, in place of
 *     the JDK's trust store (a private CA); null for the JDK's
 */
public record JupyterServerOptions(URI url, String token, Map<String, String> headers, Duration connectTimeout,
                                   Duration requestTimeout, Path trustedCertificates) {
  public JupyterServerOptions {
    Objects.requireNonNull(url, "url");
    if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
      throw new IllegalArgumentException("a Jupyter Server URL must be http or https, not " + url);
    }
    String path = url.getPath() == null || url.getPath().isEmpty() ? "/" : url.getPath();
    url = url.resolve(path.endsWith("/") ? path : path + "/");
    token = token == null ? "" : token;
    headers = headers == null ? Map.of() : Map.copyOf(headers);
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(10) : connectTimeout;
    requestTimeout = requestTimeout == null ? Duration.ofSeconds(120) : requestTimeout;
  }

  /** Trusting the JDK's certificates. */
  public JupyterServerOptions(URI url, String token, Map<String, String> headers, Duration connectTimeout,
                              Duration requestTimeout) {
    this(url, token, headers, connectTimeout, requestTimeout, null);
  }

  /** A URL and token with default headers and timeouts. */
  public static JupyterServerOptions of(URI url, String token) {
    return new JupyterServerOptions(url, token, Map.of(), null, null);
  }

  /** The URL without its query, for messages (a token in a query must not reach a log). */
  public String describe() {
    return url.getScheme() + "://" + url.getAuthority() + url.getPath();
  }
}
