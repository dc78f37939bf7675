package io.kernelchat.server.store;

import java.util.List;

/** One entry of a conversation's visible transcript, in the order it happened. */
public sealed interface TranscriptItem {
  String id();

  long createdAt();

  /**
   * A chat message; role is user, assistant, context or notice. {@code turn}: on a user message whose turn has
   * ended, what that turn used (null otherwise, and for turns of a kernelchat from before they were kept).
   */
  record Message(String id, String role, String text, long createdAt, TurnTokens turn) implements TranscriptItem {
    public Message(String id, String role, String text, long createdAt) {
      this(id, role, text, createdAt, null);
    }
  }

  /**
   * A code cell. Outputs are kept as the JSON the API shows, in UTF-8 (megabytes of output are written and sent
   * as they are), so the store does not depend on the kernel types; {@code executionCount} and
   * {@code durationMs} are null while the cell runs.
   */
  record Cell(String id, String code, String source, String status, Integer executionCount, Long durationMs,
              long createdAt, List<byte[]> outputs) implements TranscriptItem {}
}
