package io.kernelchat.server.llm;

import java.util.List;

/** The model's reply: text (possibly empty) and the tools it asked to call. */
public record AssistantMessage(String text, List<ToolCall> toolCalls) implements ChatMessage {
  public AssistantMessage {
    text = text == null ? "" : text;
    toolCalls = List.copyOf(toolCalls);
  }

  public AssistantMessage(String text) {
    this(text, List.of());
  }
}
