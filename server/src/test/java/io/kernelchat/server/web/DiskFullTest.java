package io.kernelchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.testing.EventRecorder;
import io.kernelchat.server.testing.Multipart;
import io.kernelchat.server.testing.RunningServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kernelchat home on a disk that fills up: a 16 MB tmpfs. Mounting one needs root (CI runs as root here);
 * elsewhere these tests are skipped. A full disk gets 507 with a clear code, and nothing is left half-saved.
 */
class DiskFullTest {
  private static final String DISK_FULL = "insufficient_storage:disk_full";
  private static Path disk;
  private static RunningServer server;

  @BeforeAll
  static void mountASmallDisk() throws Exception {
    disk = Files.createTempDirectory("kernelchat-small-disk");
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=16m", "tmpfs", disk.toString())
        .redirectErrorStream(true).start();
    String said = new String(mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assumeTrue(mount.waitFor() == 0, "cannot mount a small tmpfs (needs root): " + said);
    server = RunningServer.start(disk.resolve("home"), Map.of(), 4, Duration.ofMinutes(1), 1L << 20, 64L << 20);
  }

  @AfterAll
  static void unmount() throws Exception {
    if (server != null) {
      server.close();
    }
    new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor();
    Files.deleteIfExists(disk);
  }

  @AfterEach
  void freeTheDisk() throws IOException {
    Files.deleteIfExists(filler());
  }

  private static Path filler() {
    return disk.resolve("filler");
  }

  /** Writes until the disk refuses. */
  private static void fillTheDisk() {
    try (OutputStream out = Files.newOutputStream(filler())) {
      byte[] block = new byte[1 << 20];
      while (true) {
        out.write(block);
      }
    } catch (IOException full) {
      assertThat(full.getMessage()).contains("No space left on device");
    }
  }

  @Test
  void anUploadLargerThanTheFreeSpaceIsRefusedWith507AndLeavesNothingBehind() throws Exception {
    String id = server.newConversation();
    HttpResponse<String> r = server.send(new Multipart().file("big.bin", new byte[24 << 20])
        .into(server.request("/api/conversations/" + id + "/files")).build());

    JsonNode error = RunningServer.expect(r, 507);
    assertThat(error.get("code").asText()).isEqualTo(DISK_FULL);
    assertThat(error.get("message").asText()).contains("disk is full");
    assertThat(server.getJson("/api/conversations/" + id + "/files").get("files")).isEmpty();
    try (var spooled = Files.list(server.home().resolve("tmp"))) {
      assertThat(spooled).isEmpty();
    }
    RunningServer.expect(server.send(new Multipart().file("small.txt", "fits".getBytes(StandardCharsets.UTF_8))
        .into(server.request("/api/conversations/" + id + "/files")).build()), 201);
  }

  @Test
  void onAFullDiskACellStillRunsAndEndsItsLostOverflowIsNotedAndTheCallerHearsItWasNotSaved() throws Exception {
    String id = server.newConversation();
    server.execute(id, "kept = 'yes'");
    fillTheDisk();
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      // 3 MB of output: past the 1 MB cap, so the rest goes to a file that cannot be written; and the cell
      // cannot be stored at all.
      HttpResponse<String> r = server.post("/api/conversations/" + id + "/execute",
          "{\"code\":\"print('z' * 3_000_000)\"}");
      assertThat(RunningServer.expect(r, 507).get("code").asText()).isEqualTo(DISK_FULL);
      List<EventRecorder.Event> seen = events.until(e -> e.type().equals("cell_end"), 30);
      assertThat(seen).extracting(EventRecorder.Event::type).startsWith("cell_start").contains("output");
      assertThat(seen).anySatisfy(e -> assertThat(e.data().path("output").path("text").asText())
          .contains("could not be written").contains("lost"));
      assertThat(seen.get(seen.size() - 1).data().get("status").asText()).isEqualTo("ok");
    }
    assertThat(server.getJson("/api/conversations/" + id + "/files").get("files")).isEmpty();
    HttpResponse<String> context = server.post("/api/conversations/" + id + "/context", "{\"text\":\"lost\"}");
    assertThat(RunningServer.expect(context, 507).get("code").asText()).isEqualTo(DISK_FULL);

    freeTheDisk();
    JsonNode after = server.execute(id, "print(kept)");
    assertThat(after.get("outputs").get(0).get("text").asText()).isEqualTo("yes\n");
    server.postJson("/api/conversations/" + id + "/context", "{\"text\":\"kept\"}", 201);
    JsonNode items = server.getJson("/api/conversations/" + id).get("items");
    assertThat(items.findValuesAsText("code")).containsExactly("kept = 'yes'", "print(kept)");
    assertThat(items.findParents("role")).extracting(m -> m.get("text").asText()).containsExactly("kept");
  }
}
