package io.kernelchat.jupyter;

import java.util.ArrayList;
import java.util.List;

/**
 * The text of one stream as a terminal (and Jupyter's output area) shows it: a carriage return moves back to the
 * start of its line and what follows overwrites it, so a progress bar redrawn 10,000 times is one line, its last
 * state. Chunks may end anywhere, also between a {@code \r} and what overwrites. Large chunks without a
 * {@code \r} are kept as they are and joined only when read (one builder for a flood would copy its megabytes
 * each time it grows).
 */
public final class StreamText {
  private static final int KEPT_AS_IS_CHARS = 64 * 1024;
  private final StreamName name;
  private final List<String> done = new ArrayList<>();   // finished lines, each chunk ending with a newline
  private final StringBuilder small = new StringBuilder();   // finished lines not yet sealed into a chunk
  private final StringBuilder line = new StringBuilder();   // the last line, which a \r may still rewrite
  private int column;   // where the next char goes in line
  private long length;   // of done and small

  public StreamText(StreamName name) {
    this.name = name;
  }

  public StreamName name() {
    return name;
  }

  public void append(String text) {
    if (text.indexOf('\r') < 0 && column == line.length()) {
      int lastNewline = text.lastIndexOf('\n');
      if (lastNewline < 0) {
        line.append(text);
      } else if (line.isEmpty() && lastNewline + 1 >= KEPT_AS_IS_CHARS) {
        seal(text.substring(0, lastNewline + 1));
        line.append(text, lastNewline + 1, text.length());
      } else {
        finish(line.append(text, 0, lastNewline + 1));
        line.append(text, lastNewline + 1, text.length());
      }
      column = line.length();
      return;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        finish(line.append('\n'));
        column = 0;
      } else if (c == '\r') {
        column = 0;
      } else if (column < line.length()) {
        line.setCharAt(column++, c);
      } else {
        line.append(c);
        column++;
      }
    }
  }

  /** How many chars it shows. */
  public long length() {
    return length + line.length();
  }

  /** What it shows, in pieces to be joined. */
  public List<String> chunks() {
    sealSmall();
    if (line.isEmpty()) {
      return List.copyOf(done);
    }
    List<String> all = new ArrayList<>(done);
    all.add(line.toString());
    return all;
  }

  public String text() {
    return String.join("", chunks());
  }

  /** Moves the finished {@code lines} (which then holds nothing) to what is done. */
  private void finish(StringBuilder lines) {
    small.append(lines);
    length += lines.length();
    lines.setLength(0);
    if (small.length() >= KEPT_AS_IS_CHARS) {
      sealSmall();
    }
  }

  private void seal(String lines) {
    sealSmall();
    done.add(lines);
    length += lines.length();
  }

  private void sealSmall() {
    if (!small.isEmpty()) {
      done.add(small.toString());
      small.setLength(0);
    }
  }
}
