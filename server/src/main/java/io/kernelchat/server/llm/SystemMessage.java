package io.kernelchat.server.llm;

import java.util.Objects;

/** Instructions to the model; providers without a system role get it in their own way. */
public record SystemMessage(String text) implements ChatMessage {
  public SystemMessage {
    Objects.requireNonNull(text, "text");
  }
}
