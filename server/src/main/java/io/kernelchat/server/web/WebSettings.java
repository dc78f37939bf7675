package io.kernelchat.server.web;

import java.util.Set;

/**
 * How the HTTP side is exposed. {@code extraHosts} are names besides loopback that the Host header may
 * carry (for a server reached by name on a LAN); {@code uploadLimitBytes} caps one uploaded file.
 */
public record WebSettings(String host, int port, String token, Set<String> extraHosts, long uploadLimitBytes) {
  public WebSettings {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("a token is required");
    }
    extraHosts = Set.copyOf(extraHosts);
  }
}
