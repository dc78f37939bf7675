package io.kernelchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.conversation.ApiJson;
import io.kernelchat.server.llm.fake.FakeOpenAiServer;
import io.kernelchat.server.testing.EventRecorder;
import io.kernelchat.server.testing.RunningServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** input() and getpass() in a cell: the person answers through the API, the cell goes on. */
class InputApiTest {
  private static final Duration CELL_TIMEOUT = Duration.ofSeconds(10);
  @TempDir static Path home;
  static FakeOpenAiServer model;
  static RunningServer server;

  @BeforeAll
  static void start() {
    model = FakeOpenAiServer.start();
    server = RunningServer.start(home, model.asDefaultModel(), 4, CELL_TIMEOUT, 10L << 20, 1L << 20);
  }

  @AfterAll
  static void stop() {
    server.close();
    model.close();
  }

  @Test
  void aCellThatCallsInputShowsThePromptWaitsAndGoesOnWithTheAnswer() throws Exception {
    String id = server.newConversation();
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      CompletableFuture<JsonNode> cell = executeInBackground(id, "name = input('Name? ')\nprint('hello', name)");
      EventRecorder.Event asked = nextInputRequest(events);
      assertThat(asked.data().get("prompt").asText()).isEqualTo("Name? ");
      assertThat(asked.data().get("password").asBoolean()).isFalse();
      String cellId = asked.data().get("cellId").asText();

      JsonNode waiting = server.getJson("/api/conversations/" + id).get("items").get(0);
      assertThat(waiting.get("status").asText()).isEqualTo("running");
      assertThat(waiting.get("input").get("prompt").asText()).isEqualTo("Name? ");

      answer(id, cellId, "Ada", 204);
      JsonNode done = cell.get(60, TimeUnit.SECONDS);
      assertThat(done.get("status").asText()).isEqualTo("ok");
      assertThat(done.has("input")).isFalse();
      assertThat(done.get("outputs").findValuesAsText("text")).containsExactly("Name? Ada\nhello Ada\n");
      assertThat(events.until(e -> e.type().equals("cell_end"), 30)).extracting(EventRecorder.Event::type)
          .containsSubsequence("input_end", "output", "cell_end");
    }
  }

  @Test
  void aPasswordReachesTheKernelButIsNeverStoredExportedLoggedOrSentToTheModel() throws Exception {
    String secret = "hunter2-" + System.nanoTime();
    model.enqueue(FakeOpenAiServer.toolCall("import getpass\npw = getpass.getpass('Password: ')\nprint(len(pw))"),
        FakeOpenAiServer.text("Logged in."));
    String id = server.newConversation();
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      server.postJson("/api/conversations/" + id + "/messages", "{\"text\":\"log me in\"}", 202);
      EventRecorder.Event asked = nextInputRequest(events);
      assertThat(asked.data().get("password").asBoolean()).isTrue();
      answer(id, asked.data().get("cellId").asText(), secret, 204);
      events.until(e -> e.type().equals("turn_end"), 90);
    }
    JsonNode cell = server.getJson("/api/conversations/" + id).get("items").get(1);
    assertThat(cell.get("outputs").findValuesAsText("text")).containsExactly("Password: \n" + secret.length() + "\n");
    assertThat(server.get("/api/conversations/" + id + "/notebook").body()).doesNotContain(secret);
    assertThat(model.requests().get(1).allText()).contains("Password:").doesNotContain(secret);
    assertThat(filesContaining(home, secret)).isEmpty();
  }

  @Test
  void stopWhileACellWaitsForInputInterruptsIt() throws Exception {
    String id = server.newConversation();
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      CompletableFuture<JsonNode> cell = executeInBackground(id, "input('never answered: ')\nprint('went on')");
      String cellId = nextInputRequest(events).data().get("cellId").asText();
      assertThat(server.post("/api/conversations/" + id + "/stop", "").statusCode()).isEqualTo(204);
      JsonNode done = cell.get(60, TimeUnit.SECONDS);
      assertThat(done.get("status").asText()).isEqualTo("interrupted");
      assertThat(done.get("outputs").findValuesAsText("type")).containsExactly("error");
      answer(id, cellId, "too late", 409);
    }
    assertThat(server.execute(id, "print('next')").get("status").asText()).isEqualTo("ok");
  }

  @Test
  void aWaitWithNoAnswerEndsWithTheExecutionTimeout() throws Exception {
    String id = server.newConversation();
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      CompletableFuture<JsonNode> cell = executeInBackground(id, "input('nobody here? ')");
      nextInputRequest(events);
      JsonNode done = cell.get(90, TimeUnit.SECONDS);
      assertThat(done.get("status").asText()).isEqualTo("timeout");
    }
    assertThat(server.execute(id, "print('next')").get("outputs").findValuesAsText("text")).containsExactly("next\n");
  }

  @Test
  void anAnswerNoCellWaitsForIsAConflictAndAnAnswerWithoutItsFieldsIsABadRequest() {
    String id = server.newConversation();
    assertThat(answer(id, "cell-nope", "x", 409).get("code").asText()).isEqualTo("conflict:not_waiting");
    assertThat(server.postJson("/api/conversations/" + id + "/input", "{\"value\":\"x\"}", 400).get("code").asText())
        .isEqualTo("bad_request:cellId");
    assertThat(server.postJson("/api/conversations/" + id + "/input", "{\"cellId\":\"c\",\"value\":3}", 400)
        .get("code").asText()).isEqualTo("bad_request:value");
    assertThat(server.postJson("/api/conversations/nope/input", "{\"cellId\":\"c\",\"value\":\"x\"}", 404)
        .get("code").asText()).isEqualTo("not_found:conversation");
  }

  private static CompletableFuture<JsonNode> executeInBackground(String id, String code) {
    return CompletableFuture.supplyAsync(() -> server.execute(id, code));
  }

  private static EventRecorder.Event nextInputRequest(EventRecorder events) throws InterruptedException {
    List<EventRecorder.Event> until = events.until(e -> e.type().equals("input_request"), 90);
    return until.get(until.size() - 1);
  }

  private static JsonNode answer(String id, String cellId, String value, int expected) {
    var r = server.post("/api/conversations/" + id + "/input", ApiJson.write(Map.of("cellId", cellId, "value", value)));
    return expected == 204 ? assertNoContent(r) : RunningServer.expect(r, expected);
  }

  private static JsonNode assertNoContent(java.net.http.HttpResponse<String> r) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(204);
    return null;
  }

  private static List<Path> filesContaining(Path dir, String text) throws IOException {
    byte[] needle = text.getBytes(StandardCharsets.UTF_8);
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).filter(f -> contains(f, needle)).toList();
    }
  }

  private static boolean contains(Path file, byte[] needle) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)
          .contains(new String(needle, StandardCharsets.ISO_8859_1));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
