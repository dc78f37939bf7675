package io.kernelchat.server.llm.fake;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** One scripted answer of a fake model server to one chat request. */
@FunctionalInterface
public interface ScriptedReply {
  void respond(HttpExchange exchange) throws IOException;

  /** An HTTP error with a JSON body and headers such as Retry-After. */
  static ScriptedReply httpError(int status, String jsonBody, Map<String, String> headers) {
    return json(status, jsonBody, headers);
  }

  static ScriptedReply httpError(int status, String jsonBody) {
    return json(status, jsonBody, Map.of());
  }

  /** A plain JSON response. */
  static ScriptedReply json(int status, String jsonBody, Map<String, String> headers) {
    return exchange -> {
      headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      byte[] bytes = jsonBody.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    };
  }

  /** An OpenAI-style error body: {"error": {"message", "type", "code"}}. */
  static String errorJson(String message, String code) {
    return "{\"error\":{\"message\":\"" + message + "\",\"type\":\"" + code + "\",\"code\":\"" + code + "\"}}";
  }
}
