package io.kernelchat.jupyter;

/**
 * Text written to stdout or stderr. Chunk boundaries are arbitrary and may fall mid-line; a chunk holds at most
 * {@link #MAX_CHARS} chars (a larger stream message arrives as several), and never ends inside a surrogate pair.
 */
public record StreamOutput(StreamName name, String text) implements Output {
  /** The most chars one chunk holds. */
  public static final int MAX_CHARS = 64 * 1024;
}
