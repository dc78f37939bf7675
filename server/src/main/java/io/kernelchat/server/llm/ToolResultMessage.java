package io.kernelchat.server.llm;

import java.util.List;
import java.util.Objects;

/** The result of one tool call, answering the call with the same id. */
public record ToolResultMessage(String toolCallId, String text, List<Image> images) implements ChatMessage {
  public ToolResultMessage {
    Objects.requireNonNull(toolCallId, "toolCallId");
    Objects.requireNonNull(text, "text");
    images = List.copyOf(images);
  }
}
