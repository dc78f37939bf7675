package io.kernelchat.server.conversation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kernelchat.jupyter.Output;
import io.kernelchat.jupyter.OutputArea;
import io.kernelchat.jupyter.StreamName;
import io.kernelchat.jupyter.StreamOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The outputs kept for one cell, up to a cap, in their final state as Jupyter shows them ({@link OutputArea}:
 * streams merged with carriage returns applied, clears and display updates applied); the page is sent each
 * output as it comes and folds them the same way. Past the cap nothing more is kept in memory: one marker output
 * says where the rest went, and the stream text kept so far and all that follows is written to a file in the
 * workspace. A file that cannot be written
 * (the disk is full) does not stop the cell: it is removed, and a note at the end says why.
 */
final class CellOutputs {
  /** Where the text past the cap goes: a file made when the cap is first passed. */
  interface OverflowFile {
    String name();

    /** Makes the file; fails if something already has its name. */
    OutputStream create() throws IOException;

    /** Removes the file made. */
    void delete() throws IOException;

    /**
     * A new file at the top of {@code workspace}: the kernel runs meanwhile and may plant a symlink at the name, which
     * the file is never written through.
     */
    static OverflowFile in(WorkspaceFiles workspace, String name) {
      return new OverflowFile() {
        @Override
        public String name() {
          return name;
        }

        @Override
        public OutputStream create() throws IOException {
          return workspace.createNew(name);
        }

        @Override
        public void delete() throws IOException {
          workspace.deleteMade(name);
        }
      };
    }
  }

  private final OutputArea area = new OutputArea(OutputJson::size);
  private final List<ObjectNode> notes = new ArrayList<>();   // after the area's outputs: the cut, the file's failure
  private final long capBytes;
  private final OverflowFile overflowFile;
  private int changes;
  private boolean cut;
  private Writer overflow;   // null once cut if the file could not be written
  private IOException overflowFailure;

  CellOutputs(long capBytes, OverflowFile overflowFile) {
    this.capBytes = capBytes;
    this.overflowFile = overflowFile;
  }

  /**
   * Keeps {@code output} and returns its JSON to publish, or null when it went past the cap (the first
   * time, the marker is returned instead).
   */
  ObjectNode add(Output output) {
    // What is kept counts, not what came: a progress bar redrawn for hours stays one line under the cap.
    if (!cut && area.size() + OutputJson.size(output) <= capBytes) {
      area.add(output);
      changes++;
      return OutputJson.of(output);
    }
    boolean first = !cut;
    if (first) {
      cut = true;
      openOverflow();
    }
    if (output instanceof StreamOutput s) {
      write(s.text());
    }
    if (!first) {
      return null;
    }
    ObjectNode marker = OutputJson.stream(StreamName.STDERR, "\n[output cut at " + capBytes / (1024 * 1024)
        + " MB; the full text is in " + overflowFile.name() + "]\n");
    notes.add(marker);
    changes++;
    return marker;
  }

  /** How many times what {@link #json()} gives has changed: an unchanged count means nothing to store again. */
  int changes() {
    return changes;
  }

  /** The outputs kept so far, each as its JSON in UTF-8 (what the transcript stores and the API sends). */
  List<byte[]> json() {
    List<byte[]> out = new ArrayList<>(area.map((name, chunks) -> ApiJson.streamOutput(OutputJson.nameOf(name), chunks),
        o -> ApiJson.writeBytes(OutputJson.of(o))));
    for (ObjectNode note : notes) {
      out.add(ApiJson.writeBytes(note));
    }
    return out;
  }

  /**
   * Closes the overflow file, if any. Returns a note to keep and publish when the file could not be written,
   * else null.
   */
  ObjectNode finish() {
    if (overflow != null) {
      try {
        overflow.close();
      } catch (IOException e) {
        failed(e);
      }
    }
    if (overflowFailure == null) {
      return null;
    }
    ObjectNode note = OutputJson.stream(StreamName.STDERR, "[" + overflowFile.name() + " could not be written ("
        + overflowFailure.getMessage() + "), so the text past the cut is lost]\n");
    notes.add(note);
    changes++;
    return note;
  }

  private void openOverflow() {
    try {
      // An encoder, not the charset: text that is not valid UTF-16 fails the file instead of passing for the text.
      overflow = new BufferedWriter(new OutputStreamWriter(overflowFile.create(), StandardCharsets.UTF_8.newEncoder()));
    } catch (IOException e) {
      overflowFailure = e;   // nothing was made (a name taken fails too), so there is nothing to remove
      return;
    }
    try {
      for (List<String> chunks : area.map((name, c) -> c, o -> List.<String>of())) {
        for (String chunk : chunks) {
          overflow.write(chunk);
        }
      }
    } catch (IOException e) {
      failed(e);
    }
  }

  private void write(String text) {
    if (overflow == null) {
      return;
    }
    try {
      overflow.write(text);
    } catch (IOException e) {
      failed(e);
    }
  }

  /** Stops writing the overflow file and removes what it has: a file cut short would pass for the whole text. */
  private void failed(IOException e) {
    overflowFailure = e;
    try {
      if (overflow != null) {
        overflow.close();
      }
    } catch (IOException ignored) {
      // the close fails the same way (the buffer cannot be flushed); the file goes anyway
    }
    overflow = null;
    try {
      overflowFile.delete();
    } catch (IOException ignored) {
      // nothing more to do: the note still says the file is not the whole text
    }
  }
}
