package io.kernelchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.testing.Multipart;
import io.kernelchat.server.testing.RunningServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
  @TempDir Path home;

  @Test
  void conversationsTranscriptsAndFilesAreAllThereAfterARestart() {
    String id;
    JsonNode before;
    try (RunningServer first = RunningServer.start(home)) {
      id = first.newConversation();
      first.postJson("/api/conversations/" + id + "/context", "{\"text\":\"remember me\"}", 201);
      first.execute(id, "open('result.txt', 'w').write('42')\nprint('done')");
      RunningServer.expect(first.send(new Multipart().file("in.csv", "a\n1\n".getBytes(StandardCharsets.UTF_8))
          .into(first.request("/api/conversations/" + id + "/files")).build()), 201);
      before = first.getJson("/api/conversations/" + id);
    }
    try (RunningServer second = RunningServer.start(home)) {
      assertThat(second.getJson("/api/conversations").get("conversations").findValuesAsText("id")).containsExactly(id);
      JsonNode after = second.getJson("/api/conversations/" + id);
      assertThat(after.get("items")).isEqualTo(before.get("items"));
      assertThat(after.get("files").findValuesAsText("name")).containsExactlyInAnyOrder("in.csv", "result.txt");
      assertThat(after.get("kernel").get("status").asText()).isEqualTo("stopped");
      assertThat(after.get("lastEventId").asLong()).isGreaterThan(before.get("lastEventId").asLong());
      assertThat(second.get("/api/conversations/" + id + "/files/result.txt").body()).isEqualTo("42");
      assertThat(second.execute(id, "print(open('in.csv').read())").get("outputs").get(0).get("text").asText())
          .isEqualTo("a\n1\n\n");
    }
  }
}
