package io.kernelchat.server.llm.internal;

import java.util.List;
import java.util.Locale;

/**
 * What a model name tells us when the provider does not: whether it reads images and how long its context
 * is. Settings can add vision models; unknown context sizes use the configured default.
 */
final class ModelTraits {
  private static final List<String> VISION_HINTS = List.of("gpt-4o", "gpt-4.1", "gpt-5", "gpt-4-turbo", "o1",
      "o3", "o4", "claude-3", "claude-sonnet", "claude-opus", "claude-haiku", "vision", "llava", "-vl",
      "gemma3", "pixtral", "minicpm-v", "moondream", "qwen2.5vl");
  private static final List<String> NOT_CHAT = List.of("embedding", "embed", "tts", "whisper", "dall-e",
      "moderation", "audio", "realtime", "transcribe", "image", "search", "davinci", "babbage");

  private ModelTraits() {}

  static boolean vision(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return !n.equals("o1-mini") && !n.startsWith("o3-mini") && VISION_HINTS.stream().anyMatch(n::contains);
  }

  static int contextTokens(String name, int fallback) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.startsWith("claude")) {
      return 200_000;
    }
    // Newer GPT models accept more, but 128k keeps a long conversation's cost per call bounded.
    if (n.startsWith("gpt-4.1") || n.startsWith("gpt-5") || n.startsWith("gpt-4o") || n.startsWith("gpt-4-turbo") || n.matches("o[134].*")) {
      return 128_000;
    }
    if (n.startsWith("gpt-3.5")) {
      return 16_000;
    }
    return fallback;
  }

  /** Model lists from /v1/models include embeddings, speech and image models that cannot chat. */
  static boolean chat(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return NOT_CHAT.stream().noneMatch(n::contains);
  }
}
