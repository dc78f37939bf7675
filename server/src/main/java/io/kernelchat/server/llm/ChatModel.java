package io.kernelchat.server.llm;

import java.util.function.BooleanSupplier;

/** A model that streams replies. Calls block until the listener's terminal call has been made. */
public interface ChatModel {
  ModelInfo info();

  default void stream(ChatRequest request, ChatStreamListener listener) {
    stream(request, listener, () -> false);
  }

  /** As {@link #stream(ChatRequest, ChatStreamListener)}; ends with {@link LlmException.Cancelled} soon after {@code cancelled} turns true. */
  void stream(ChatRequest request, ChatStreamListener listener, BooleanSupplier cancelled);
}
