package io.kernelchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.llm.fake.FakeOpenAiServer;
import io.kernelchat.server.llm.fake.RecordedRequest;
import io.kernelchat.server.llm.fake.ScriptedReply;
import io.kernelchat.server.testing.EventRecorder;
import io.kernelchat.server.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentTurnApiTest {
  @TempDir static Path home;
  static FakeOpenAiServer model;
  static RunningServer server;

  @BeforeAll
  static void start() {
    model = FakeOpenAiServer.start();
    server = RunningServer.start(home, model.asDefaultModel("KERNELCHAT_LLM_RETRY_BASE_MS", "20"), 4, Duration.ofMinutes(2), 10L << 20, 1L << 20);
  }

  @AfterAll
  static void stop() {
    server.close();
    model.close();
  }

  @Test
  void theModelsRouteListsTheFakeModelAsTheDefault() {
    JsonNode models = server.getJson("/api/models");
    assertThat(models.get("configured").asBoolean()).isTrue();
    assertThat(models.get("default").asText()).isEqualTo("fake-model");
    assertThat(models.get("models").findValuesAsText("id")).contains("fake-model");
  }

  @Test
  void aMessageRunsATurnWhoseCodeRunsInTheKernelAndWhoseAnswerStreams() throws Exception {
    model.enqueue(FakeOpenAiServer.toolCall("Let me compute.", "print(6 * 7)"), FakeOpenAiServer.text("It is 42."));
    String id = server.newConversation();
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      JsonNode accepted = server.postJson("/api/conversations/" + id + "/messages", "{\"text\":\"what is 6*7?\"}", 202);
      String turnId = accepted.get("turnId").asText();

      List<EventRecorder.Event> seen = events.until(e -> e.type().equals("turn_end"), 90);
      List<String> types = seen.stream().map(EventRecorder.Event::type).toList();
      assertThat(types.get(0)).isEqualTo("turn_start");
      assertThat(types).containsSubsequence("turn_start", "message", "text_delta", "cell_start", "output", "cell_end",
          "text_delta", "message", "turn_end");
      assertThat(seen.get(1).data().get("role").asText()).isEqualTo("user");
      EventRecorder.Event end = seen.get(seen.size() - 1);
      assertThat(end.data().get("turnId").asText()).isEqualTo(turnId);
      assertThat(end.data().get("reason").asText()).isEqualTo("done");
      // joined: a kernel may send one print as several stream messages
      assertThat(seen.stream().filter(e -> e.type().equals("output"))
          .map(e -> e.data().get("output").get("text").asText()).collect(java.util.stream.Collectors.joining()))
          .isEqualTo("42\n");
    }
    JsonNode transcript = server.getJson("/api/conversations/" + id);
    assertThat(transcript.get("running").asBoolean()).isFalse();
    JsonNode items = transcript.get("items");
    assertThat(items.findValuesAsText("kind")).containsExactly("message", "message", "cell", "message");
    assertThat(items.get(1).get("text").asText()).isEqualTo("Let me compute.");
    assertThat(items.get(2).get("source").asText()).isEqualTo("agent");
    assertThat(items.get(3).get("text").asText()).isEqualTo("It is 42.");

    RecordedRequest second = model.requests().get(model.requests().size() - 1);
    assertThat(second.lastRole()).isEqualTo("tool");
    assertThat(second.allText()).contains("42");
  }

  @Test
  void eachTurnSaysWhatTokensItUsedAndTheConversationAddsThemUp() throws Exception {
    String id = server.newConversation();
    for (int turn = 1; turn <= 2; turn++) {
      model.enqueue(FakeOpenAiServer.toolCall("Computing.", "print(1)"), FakeOpenAiServer.text("Done."));
      try (EventRecorder events = EventRecorder.open(server, id, null)) {
        server.postJson("/api/conversations/" + id + "/messages", "{\"text\":\"go\"}", 202);
        List<EventRecorder.Event> seen = events.until(e -> e.type().equals("turn_end"), 90);
        JsonNode usage = seen.stream().filter(e -> e.type().equals("turn_end")).findFirst().orElseThrow().data().get("usage");
        // Two calls to the model: the code, then the answer.
        assertThat(usage.get("inputTokens").asLong()).isEqualTo(2L * FakeOpenAiServer.PROMPT_TOKENS);
        assertThat(usage.get("outputTokens").asLong()).isEqualTo(2L * FakeOpenAiServer.COMPLETION_TOKENS);
        assertThat(usage.get("cachedInputTokens").asLong()).isEqualTo(2L * FakeOpenAiServer.CACHED_TOKENS);
      }
    }
    JsonNode tokens = server.getJson("/api/conversations/" + id).get("tokens");
    assertThat(tokens.get("inputTokens").asLong()).isEqualTo(4L * FakeOpenAiServer.PROMPT_TOKENS);
    assertThat(tokens.get("outputTokens").asLong()).isEqualTo(4L * FakeOpenAiServer.COMPLETION_TOKENS);
    assertThat(tokens.get("cachedInputTokens").asLong()).isEqualTo(4L * FakeOpenAiServer.CACHED_TOKENS);
    for (JsonNode listed : server.getJson("/api/conversations").get("conversations")) {
      if (listed.get("id").asText().equals(id)) {
        assertThat(listed.get("tokens")).isEqualTo(tokens);
      }
    }
  }

  @Test
  void theNextTurnSeesTheEarlierOnesInItsHistory() throws Exception {
    model.enqueue(FakeOpenAiServer.text("Noted."), FakeOpenAiServer.text("Blue."));
    String id = server.newConversation();
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      server.postJson("/api/conversations/" + id + "/messages", "{\"text\":\"my favourite colour is blue\"}", 202);
      events.until(e -> e.type().equals("turn_end"), 90);
      server.postJson("/api/conversations/" + id + "/context", "{\"text\":\"the user is in Oslo\"}", 201);
      server.postJson("/api/conversations/" + id + "/messages", "{\"text\":\"which colour?\"}", 202);
      events.until(e -> e.type().equals("turn_end"), 90);
    }
    String prompt = model.requests().get(model.requests().size() - 1).allText();
    assertThat(prompt).contains("my favourite colour is blue", "Noted.", "the user is in Oslo", "which colour?");
  }

  @Test
  void theFirstMessageNamesAConversationThatStillHasTheDefaultTitleAndLaterOnesDoNot() throws Exception {
    model.enqueue(FakeOpenAiServer.text("Sure."), FakeOpenAiServer.text("Done."));
    String id = server.postJson("/api/conversations", "{}", 201).get("id").asText();
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      server.postJson("/api/conversations/" + id + "/messages", "{\"text\":\"  Summarise sales by region\\nthen plot\"}", 202);
      List<EventRecorder.Event> seen = events.until(e -> e.type().equals("turn_end"), 90);
      assertThat(seen).filteredOn(e -> e.type().equals("conversation")).singleElement().satisfies(e -> {
        assertThat(e.data().get("id").asText()).isEqualTo(id);
        assertThat(e.data().get("title").asText()).isEqualTo("Summarise sales by region");
      });
      server.postJson("/api/conversations/" + id + "/messages", "{\"text\":\"and by month\"}", 202);
      assertThat(events.until(e -> e.type().equals("turn_end"), 90)).extracting(EventRecorder.Event::type)
          .doesNotContain("conversation");
    }
    // Stored, not only announced: the list reads the database.
    assertThat(server.getJson("/api/conversations").get("conversations")).filteredOn(c -> c.get("id").asText().equals(id))
        .singleElement().satisfies(c -> assertThat(c.get("title").asText()).isEqualTo("Summarise sales by region"));
  }

  @Test
  void aConversationCreatedWithATitleKeepsItAfterTheFirstMessage() throws Exception {
    model.enqueue(FakeOpenAiServer.text("Sure."));
    String id = server.newConversation();
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      server.postJson("/api/conversations/" + id + "/messages", "{\"text\":\"hello\"}", 202);
      assertThat(events.until(e -> e.type().equals("turn_end"), 90)).extracting(EventRecorder.Event::type)
          .doesNotContain("conversation");
    }
    assertThat(server.getJson("/api/conversations/" + id).get("title").asText()).isEqualTo("test");
  }

  @Test
  void stopEndsARunningTurnAndInterruptsItsCellAndASecondMessageMeanwhileIsAConflict() throws Exception {
    model.enqueue(FakeOpenAiServer.toolCall("import time\nfor i in range(600):\n    time.sleep(0.1)"));
    String id = server.newConversation();
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      server.postJson("/api/conversations/" + id + "/messages", "{\"text\":\"sleep\"}", 202);
      events.until(e -> e.type().equals("cell_start"), 90);
      JsonNode conflict = RunningServer.expect(server.post("/api/conversations/" + id + "/messages", "{\"text\":\"again\"}"), 409);
      assertThat(conflict.get("code").asText()).isEqualTo("conflict:turn_running");
      assertThat(server.getJson("/api/conversations/" + id).get("running").asBoolean()).isTrue();

      assertThat(server.post("/api/conversations/" + id + "/stop", "").statusCode()).isEqualTo(204);
      List<EventRecorder.Event> seen = events.until(e -> e.type().equals("turn_end"), 90);
      assertThat(seen).filteredOn(e -> e.type().equals("cell_end"))
          .singleElement().satisfies(e -> assertThat(e.data().get("status").asText()).isEqualTo("interrupted"));
      assertThat(seen.get(seen.size() - 1).data().get("reason").asText()).isEqualTo("stopped");
    }
    assertThat(server.execute(id, "print('still usable')").get("status").asText()).isEqualTo("ok");
  }

  @Test
  void aProviderErrorEndsTheTurnWithAnErrorEventAndKeepsTheUsersMessage() throws Exception {
    model.enqueue(ScriptedReply.httpError(401, ScriptedReply.errorJson("bad key", "invalid_api_key")));
    String id = server.newConversation();
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      server.postJson("/api/conversations/" + id + "/messages", "{\"text\":\"keep me\"}", 202);
      List<EventRecorder.Event> seen = events.until(e -> e.type().equals("turn_end"), 90);
      assertThat(seen).filteredOn(e -> e.type().equals("error")).singleElement()
          .satisfies(e -> assertThat(e.data().get("code").asText()).startsWith("provider:"));
      assertThat(seen.get(seen.size() - 1).data().get("reason").asText()).isEqualTo("error");
    }
    JsonNode items = server.getJson("/api/conversations/" + id).get("items");
    assertThat(items.get(0).get("role").asText()).isEqualTo("user");
    assertThat(items.get(0).get("text").asText()).isEqualTo("keep me");
  }

  @Test
  void anUnknownModelEndsTheTurnWithAClearError() throws Exception {
    String id = server.newConversation();
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      server.postJson("/api/conversations/" + id + "/messages", "{\"text\":\"hi\",\"model\":\"no-such-model\"}", 202);
      List<EventRecorder.Event> seen = events.until(e -> e.type().equals("turn_end"), 90);
      assertThat(seen).filteredOn(e -> e.type().equals("error")).singleElement()
          .satisfies(e -> assertThat(e.data().get("message").asText()).contains("no-such-model"));
    }
  }
}
