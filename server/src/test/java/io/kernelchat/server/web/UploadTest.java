package io.kernelchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.testing.Multipart;
import io.kernelchat.server.testing.RunningServer;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadTest {
  static final long LIMIT = 256 * 1024;
  @TempDir static Path home;
  static RunningServer server;

  @BeforeAll
  static void start() {
    server = RunningServer.start(home, Map.of(), 4, Duration.ofMinutes(1), 1L << 20, LIMIT);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void uploadedFilesLandInTheWorkspaceAndTheModelIsToldWithAPreview() {
    String id = server.newConversation();
    HttpResponse<String> r = server.send(new Multipart()
        .file("sales.csv", "region,amount\nnorth,10\nsouth,20\n".getBytes(StandardCharsets.UTF_8))
        .file("notes.bin", new byte[] {0, 1, 2, (byte) 0xff})
        .into(server.request("/api/conversations/" + id + "/files")).build());
    JsonNode files = RunningServer.expect(r, 201).get("files");
    assertThat(files.findValuesAsText("name")).containsExactly("sales.csv", "notes.bin");
    assertThat(files.get(0).get("size").asLong()).isEqualTo(32);

    JsonNode cell = server.execute(id, "import pandas as pd\nprint(pd.read_csv('sales.csv').amount.sum())");
    assertThat(cell.get("outputs").get(0).get("text").asText()).isEqualTo("30\n");

    JsonNode items = server.getJson("/api/conversations/" + id).get("items");
    JsonNode context = items.get(0);
    assertThat(context.get("role").asText()).isEqualTo("context");
    assertThat(context.get("text").asText()).contains("sales.csv").contains("region,amount").contains("north,10");
    assertThat(items.get(1).get("text").asText()).contains("notes.bin").doesNotContain("```");
  }

  @Test
  void anUploadOverTheLimitIsRefusedWith413AndLeavesNothingBehind() throws Exception {
    String id = server.newConversation();
    HttpResponse<String> r = server.send(new Multipart().file("big.bin", new byte[(int) LIMIT + 1024])
        .into(server.request("/api/conversations/" + id + "/files")).build());
    assertThat(r.statusCode()).isEqualTo(413);
    assertThat(RunningServer.expect(r, 413).get("code").asText()).isEqualTo("too_large:upload");
    assertThat(server.getJson("/api/conversations/" + id + "/files").get("files")).isEmpty();
    try (var spooled = Files.list(home.resolve("tmp"))) {
      assertThat(spooled).isEmpty();
    }
  }

  @Test
  void anUploadWithoutAFileIsABadRequest() {
    String id = server.newConversation();
    HttpResponse<String> r = server.post("/api/conversations/" + id + "/files", "{}");
    assertThat(RunningServer.expect(r, 400).get("code").asText()).isEqualTo("bad_request:upload");
  }
}
