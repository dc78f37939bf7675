package io.kernelchat.server.llm;

/**
 * What the app knows about a model: whether it calls tools (else the agent uses fenced code blocks),
 * whether it reads images, and its context window in tokens.
 */
public record ModelInfo(String id, String provider, String displayName, boolean tools, boolean vision,
                        int contextTokens) {}
