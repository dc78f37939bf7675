package io.kernelchat.server.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kernelchat.jupyter.Output;
import io.kernelchat.jupyter.StreamName;
import io.kernelchat.jupyter.StreamOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The outputs kept for one cell, up to a cap. Consecutive stream chunks of the same name merge (as Jupyter
 * shows them). Past the cap nothing more is kept in memory: one marker output says where the rest went, and
 * the whole stream text, from the start, is written to a file in the workspace.
 */
final class CellOutputs {
  private final List<Object> kept = new ArrayList<>();   // ObjectNode, or StreamText while it can still grow
  private final long capBytes;
  private final Path overflowFile;
  private final String overflowName;
  private long bytes;
  private Writer overflow;

  private static final class StreamText {
    final StreamName name;
    final StringBuilder text = new StringBuilder();

    StreamText(StreamName name) {
      this.name = name;
    }
  }

  CellOutputs(long capBytes, Path overflowFile, String overflowName) {
    this.capBytes = capBytes;
    this.overflowFile = overflowFile;
    this.overflowName = overflowName;
  }

  /**
   * Keeps {@code output} and returns its JSON to publish, or null when it went past the cap (the first
   * time, the marker is returned instead).
   */
  ObjectNode add(Output output) {
    long size = OutputJson.size(output);
    if (overflow == null && bytes + size <= capBytes) {
      bytes += size;
      if (output instanceof StreamOutput s) {
        Object last = kept.isEmpty() ? null : kept.get(kept.size() - 1);
        StreamText target = last instanceof StreamText t && t.name == s.name() ? t : new StreamText(s.name());
        if (target != last) {
          kept.add(target);
        }
        target.text.append(s.text());
      } else {
        kept.add(OutputJson.of(output));
      }
      return OutputJson.of(output);
    }
    boolean first = overflow == null;
    if (first) {
      openOverflow();
    }
    if (output instanceof StreamOutput s) {
      write(s.text());
    }
    if (!first) {
      return null;
    }
    ObjectNode marker = OutputJson.stream(StreamName.STDERR, "\n[output cut at " + capBytes / (1024 * 1024)
        + " MB; the full text is in " + overflowName + "]\n");
    kept.add(marker);
    return marker;
  }

  List<JsonNode> snapshot() {
    List<JsonNode> out = new ArrayList<>(kept.size());
    for (Object o : kept) {
      out.add(o instanceof StreamText t ? OutputJson.stream(t.name, t.text.toString()) : (JsonNode) o);
    }
    return out;
  }

  /** Closes the overflow file, if any. */
  void finish() {
    if (overflow != null) {
      try {
        overflow.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void openOverflow() {
    try {
      overflow = Files.newBufferedWriter(overflowFile, StandardCharsets.UTF_8);
      for (Object o : kept) {
        if (o instanceof StreamText t) {
          overflow.write(t.text.toString());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + overflowFile + ": " + e.getMessage(), e);
    }
  }

  private void write(String text) {
    try {
      overflow.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + overflowFile + ": " + e.getMessage(), e);
    }
  }
}
