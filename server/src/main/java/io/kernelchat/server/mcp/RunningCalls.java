package io.kernelchat.server.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.conversation.ApiJson;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tool calls in progress, so that a client's {@code notifications/cancelled} interrupts the cell its call runs.
 * The SDK's server does not act on that notification and does not tell a tool its request id, so each transport
 * shows this class every message before the SDK reads it: a {@code tools/call} ties its request id to its progress
 * token, which the tool does see. A call without a progress token cannot be cancelled this way (interrupt_kernel
 * still stops it).
 */
final class RunningCalls {
  private final Map<String, String> tokenByRequest = new ConcurrentHashMap<>();
  private final Map<String, Runnable> cancelByToken = new ConcurrentHashMap<>();

  /** One JSON-RPC message that the client of {@code session} sent; anything unreadable is the SDK's to refuse. */
  void received(String session, String message) {
    JsonNode json;
    try {
      json = ApiJson.MAPPER.readTree(message);
    } catch (Exception e) {
      return;
    }
    String method = json.path("method").asText("");
    if (method.equals("tools/call") && json.has("id")) {
      JsonNode token = json.path("params").path("_meta").path("progressToken");
      if (token.isValueNode()) {
        tokenByRequest.put(key(session, json.get("id").toString()), token.asText());
      }
    } else if (method.equals("notifications/cancelled")) {
      String token = tokenByRequest.remove(key(session, json.path("params").path("requestId").toString()));
      Runnable cancel = token == null ? null : cancelByToken.get(key(session, token));
      if (cancel != null) {
        cancel.run();
      }
    }
  }

  /** Makes {@code cancel} what a cancellation of the call with {@code progressToken} does, until closed. */
  Registration whileRunning(String session, Object progressToken, Runnable cancel) {
    if (progressToken == null) {
      return () -> { };
    }
    String token = String.valueOf(progressToken);
    cancelByToken.put(key(session, token), cancel);
    return () -> {
      cancelByToken.remove(key(session, token));
      tokenByRequest.entrySet().removeIf(e -> e.getKey().startsWith(session + "\n") && e.getValue().equals(token));
    };
  }

  interface Registration extends AutoCloseable {
    @Override
    void close();
  }

  private static String key(String session, String id) {
    return session + "\n" + id;
  }
}
