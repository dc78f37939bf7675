package io.kernelchat.server.store;

/** A stored conversation; {@code model} is null when none was chosen (the default applies). */
public record ConversationRecord(String id, String title, String model, long createdAt, long updatedAt) {}
