package io.kernelchat.server.llm;

import java.util.List;
import java.util.Objects;

/** What the person wrote (or context injected on their behalf), optionally with images. */
public record UserMessage(String text, List<Image> images) implements ChatMessage {
  public UserMessage {
    Objects.requireNonNull(text, "text");
    images = List.copyOf(images);
  }

  public UserMessage(String text) {
    this(text, List.of());
  }
}
