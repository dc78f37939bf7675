package io.kernelchat.server.llm.internal;

import java.util.Map;

/**
 * How to reach one provider: its name, the base URL shown in error messages, the headers every call
 * carries (authentication) and the variable that holds its key, so errors can say what to fix.
 */
public record ProviderEndpoint(String provider, String baseUrl, Map<String, String> headers, String keyVariable) {
  public ProviderEndpoint {
    baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    headers = Map.copyOf(headers);
  }

  @Override
  public String toString() {
    return provider + " at " + baseUrl; // never the headers: they hold the key
  }
}
