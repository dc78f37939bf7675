package io.kernelchat.server.llm;

/**
 * Tokens a provider reported for one or more calls. {@code inputTokens} counts all the input, also what the
 * provider read from its prompt cache, which {@code cachedInputTokens} says (0 where the provider does not).
 */
public record TokenUsage(long inputTokens, long outputTokens, long cachedInputTokens) {
  public TokenUsage(long inputTokens, long outputTokens) {
    this(inputTokens, outputTokens, 0);
  }

  public TokenUsage plus(TokenUsage other) {
    return other == null ? this : new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens,
        cachedInputTokens + other.cachedInputTokens);
  }
}
