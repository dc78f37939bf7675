package io.kernelchat.server.llm;

import java.util.List;

/** A complete model reply. {@code usage} is null when the provider did not report it. */
public record ChatResponse(String text, List<ToolCall> toolCalls, TokenUsage usage, String finishReason) {
  public ChatResponse {
    text = text == null ? "" : text;
    toolCalls = List.copyOf(toolCalls);
  }
}
