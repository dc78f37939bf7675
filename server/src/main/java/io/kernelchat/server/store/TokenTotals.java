package io.kernelchat.server.store;

/** The tokens a conversation's turns used, summed: input (cached included), output, and input read from a cache. */
public record TokenTotals(long inputTokens, long outputTokens, long cachedInputTokens) {}
