package io.kernelchat.server.llm;

/** Tokens a provider reported for one or more calls. */
public record TokenUsage(long inputTokens, long outputTokens) {
  public TokenUsage plus(TokenUsage other) {
    return other == null ? this : new TokenUsage(inputTokens + other.inputTokens, outputTokens + other.outputTokens);
  }
}
