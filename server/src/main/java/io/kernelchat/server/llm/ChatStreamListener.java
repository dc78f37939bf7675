package io.kernelchat.server.llm;

/**
 * Receives a streamed reply. Exactly one terminal call ({@link #onComplete} or {@link #onError}) ends
 * every stream, and nothing follows it. Text deltas may arrive before an error: a reply cut mid-way
 * never completes, so its partial tool calls are never handed out.
 */
public interface ChatStreamListener {
  default void onTextDelta(String delta) {}

  void onComplete(ChatResponse response);

  void onError(LlmException error);
}
