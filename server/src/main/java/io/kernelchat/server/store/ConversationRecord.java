package io.kernelchat.server.store;

/**
 * A stored conversation; {@code model} is null when none was chosen (the default applies), and so is
 * {@code network} (whether its kernel has a network; null: the server's {@code --kernel-network}).
 * {@code kernel} is the name of its kernelspec, null for a conversation made before kernels could be chosen
 * (it ran kernelchat's Python).
 */
public record ConversationRecord(String id, String title, String model, long createdAt, long updatedAt,
                                 Boolean network, String kernel) {
  /** A conversation that has chosen neither its kernel's network nor its kernel. */
  public ConversationRecord(String id, String title, String model, long createdAt, long updatedAt) {
    this(id, title, model, createdAt, updatedAt, null, null);
  }
}
