package io.kernelchat.server.agent;

import java.util.Locale;

/** A file the code created, modified or deleted in the workspace, as the API's {@code file} event carries it. */
public record FileChange(Kind kind, String name, long size, long modifiedMillis) {
  /** What happened to the file; {@link #wireName()} is the name in the API. */
  public enum Kind {
    CREATED, MODIFIED, DELETED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }
}
