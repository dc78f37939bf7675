package io.kernelchat.server.llm;

/** A request by the model to call a tool; the arguments are JSON text exactly as the model wrote them. */
public record ToolCall(String id, String name, String argumentsJson) {}
