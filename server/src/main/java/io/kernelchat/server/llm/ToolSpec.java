package io.kernelchat.server.llm;

/** A tool the model may call; {@code parametersSchemaJson} is a JSON Schema object as text. */
public record ToolSpec(String name, String description, String parametersSchemaJson) {}
