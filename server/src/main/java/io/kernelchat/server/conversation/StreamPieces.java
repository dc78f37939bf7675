package io.kernelchat.server.conversation;

import io.kernelchat.jupyter.Output;
import io.kernelchat.jupyter.StreamOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a large stream chunk into pieces. ipykernel flushes a print loop as a few multi-megabyte messages;
 * sent as pieces, the event writer and the page start on the first while the rest is still being encoded
 * (the page and the transcript merge consecutive stream outputs back together).
 */
final class StreamPieces {
  private StreamPieces() {}

  /** {@code output} itself unless it is stream text longer than {@code maxChars}; never splits a surrogate pair. */
  static List<Output> of(Output output, int maxChars) {
    if (!(output instanceof StreamOutput s) || s.text().length() <= maxChars) {
      return List.of(output);
    }
    String text = s.text();
    List<Output> pieces = new ArrayList<>(text.length() / maxChars + 1);
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(start + maxChars, text.length());
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      pieces.add(new StreamOutput(s.name(), text.substring(start, end)));
      start = end;
    }
    return pieces;
  }
}
