package io.kernelchat.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kernelchat.jupyter.StreamName;
import io.kernelchat.jupyter.StreamOutput;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CellOutputsTest {
  @TempDir Path dir;

  private static List<JsonNode> kept(CellOutputs outputs) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (byte[] json : outputs.json()) {
      out.add(ApiJson.MAPPER.readTree(new String(json, StandardCharsets.UTF_8)));
    }
    return out;
  }

  @Test
  void pastTheCapTheWholeStreamGoesToTheFileAndOneMarkerSaysWhere() throws Exception {
    CellOutputs outputs = new CellOutputs(1024, CellOutputs.OverflowFile.in(new LocalWorkspace(dir), "out.txt"));
    String line = "x".repeat(99) + "\n";
    List<ObjectNode> published = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      published.add(outputs.add(new StreamOutput(StreamName.STDOUT, line)));
    }
    assertThat(outputs.finish()).isNull();
    assertThat(published.subList(0, 10)).allSatisfy(o -> assertThat(o.get("text").asText()).isEqualTo(line));
    assertThat(published.get(10).get("text").asText()).contains("output cut at").contains("out.txt");
    assertThat(published.subList(11, 50)).containsOnlyNulls();
    assertThat(Files.readString(dir.resolve("out.txt"))).isEqualTo(line.repeat(50));
    assertThat(kept(outputs)).hasSize(2);
  }

  @Test
  void anOverflowFileThatCannotBeWrittenIsRemovedAndTheCellEndsWithANoteThatTheRestIsLost() throws Exception {
    // Every write to /dev/full fails with ENOSPC, as on a full disk.
    AtomicBoolean removed = new AtomicBoolean();
    CellOutputs outputs = new CellOutputs(1024, new CellOutputs.OverflowFile() {
      @Override
      public String name() {
        return "out.txt";
      }

      @Override
      public OutputStream create() throws IOException {
        return new FileOutputStream("/dev/full");
      }

      @Override
      public void delete() {
        removed.set(true);
      }
    });
    String line = "y".repeat(999) + "\n";
    for (int i = 0; i < 200; i++) {
      outputs.add(new StreamOutput(StreamName.STDOUT, line));   // past 8 KB the writer flushes, and fails
    }

    ObjectNode note = outputs.finish();

    assertThat(note.get("name").asText()).isEqualTo("stderr");
    assertThat(note.get("text").asText()).contains("out.txt could not be written").contains("No space left on device")
        .contains("lost");
    assertThat(removed).isTrue();
    List<JsonNode> kept = kept(outputs);
    assertThat(kept).hasSize(3);
    assertThat(kept.get(0).get("text").asText()).isEqualTo(line);
    assertThat(kept.get(1).get("text").asText()).contains("output cut at");
    assertThat(kept.get(2)).isEqualTo(note);
  }

  @Test
  void theOverflowFileIsNeverWrittenThroughASymlinkTheKernelPlantedAtItsName() throws Exception {
    Path secret = Files.writeString(dir.resolve("secret.txt"), "secret");
    LocalWorkspace workspace = new LocalWorkspace(dir.resolve("ws"));
    workspace.create();
    Path planted = Files.createSymbolicLink(workspace.root().resolve("out.txt"), secret);
    CellOutputs outputs = new CellOutputs(1024, CellOutputs.OverflowFile.in(workspace, "out.txt"));
    for (int i = 0; i < 20; i++) {
      outputs.add(new StreamOutput(StreamName.STDOUT, "z".repeat(99) + "\n"));
    }

    assertThat(outputs.finish().get("text").asText()).contains("out.txt could not be written").contains("lost");
    assertThat(secret).hasContent("secret");
    assertThat(Files.isSymbolicLink(planted)).as("not ours to remove").isTrue();
  }
}
