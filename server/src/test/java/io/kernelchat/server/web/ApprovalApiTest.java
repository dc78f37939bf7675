package io.kernelchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.ServerOptions;
import io.kernelchat.server.conversation.ApiJson;
import io.kernelchat.server.conversation.ApprovalMode;
import io.kernelchat.server.kernels.Kernels;
import io.kernelchat.server.kernels.SandboxSettings;
import io.kernelchat.server.llm.fake.FakeOpenAiServer;
import io.kernelchat.server.llm.fake.RecordedRequest;
import io.kernelchat.server.testing.EventRecorder;
import io.kernelchat.server.testing.RunningServer;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** approval "ask": the model's code waits as a proposed cell until the person runs it, edits it or rejects it. */
class ApprovalApiTest {
  private static final String WRITES_A_FILE = "open('ran.txt', 'w').write('model')\nprint('model ran')";
  @TempDir static Path home;
  static FakeOpenAiServer model;
  static RunningServer server;

  @BeforeAll
  static void start() {
    model = FakeOpenAiServer.start();
    server = RunningServer.start(home, model.asDefaultModel(), 4, Duration.ofMinutes(2), 10L << 20, 1L << 20);
  }

  @AfterAll
  static void stop() {
    server.close();
    model.close();
  }

  @Test
  void inAskModeNothingRunsUntilTheApprovalAndTheModelIsToldWhatTheEditedCodeWas() throws Exception {
    String id = askingConversation();
    model.enqueue(FakeOpenAiServer.toolCall("Writing the file.", WRITES_A_FILE), FakeOpenAiServer.text("Done."));
    String cellId;
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      server.postJson("/api/conversations/" + id + "/messages", "{\"text\":\"write a file\"}", 202);
      JsonNode proposed = events.until(e -> e.type().equals("cell_start"), 90).stream()
          .filter(e -> e.type().equals("cell_start")).findFirst().orElseThrow().data();
      assertThat(proposed.get("status").asText()).isEqualTo("proposed");
      assertThat(proposed.get("code").asText()).isEqualTo(WRITES_A_FILE);
      cellId = proposed.get("id").asText();

      Thread.sleep(500);
      assertThat(home.resolve("workspaces").resolve(id).resolve("ran.txt")).doesNotExist();
      assertThat(server.getJson("/api/conversations/" + id).get("items").get(2).get("status").asText())
          .isEqualTo("proposed");

      String edited = "print('person ran')";
      assertThat(server.post(cellPath(id, cellId, "approve"), ApiJson.write(Map.of("code", edited))).statusCode())
          .isEqualTo(204);
      List<EventRecorder.Event> seen = events.until(e -> e.type().equals("turn_end"), 90);
      assertThat(seen).filteredOn(e -> e.type().equals("cell_start"))
          .singleElement().satisfies(e -> {
            assertThat(e.data().get("id").asText()).isEqualTo(cellId);
            assertThat(e.data().get("status").asText()).isEqualTo("running");
          });
    }
    JsonNode cell = server.getJson("/api/conversations/" + id).get("items").get(2);
    assertThat(cell.get("id").asText()).isEqualTo(cellId);
    assertThat(cell.get("code").asText()).isEqualTo("print('person ran')");
    assertThat(cell.get("status").asText()).isEqualTo("ok");
    assertThat(cell.get("outputs").findValuesAsText("text")).containsExactly("person ran\n");
    assertThat(home.resolve("workspaces").resolve(id).resolve("ran.txt")).doesNotExist();
    String toolResult = lastRequest().lastTextOf("tool");
    assertThat(toolResult).contains("The person edited your code", "print('person ran')", "person ran");
  }

  @Test
  void aRejectedProposalRunsNothingAndTheModelGetsTheReasonAndCarriesOn() throws Exception {
    String id = askingConversation();
    model.enqueue(FakeOpenAiServer.toolCall(WRITES_A_FILE), FakeOpenAiServer.text("Understood, I will not."));
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      server.postJson("/api/conversations/" + id + "/messages", "{\"text\":\"write a file\"}", 202);
      List<EventRecorder.Event> upToProposal = events.until(e -> e.type().equals("cell_start"), 90);
      String cellId = upToProposal.get(upToProposal.size() - 1).data().get("id").asText();
      assertThat(server.post(cellPath(id, cellId, "reject"), "{\"reason\":\"not on my disk\"}").statusCode())
          .isEqualTo(204);
      List<EventRecorder.Event> seen = events.until(e -> e.type().equals("turn_end"), 90);
      assertThat(seen).filteredOn(e -> e.type().equals("cell_end")).singleElement()
          .satisfies(e -> assertThat(e.data().get("status").asText()).isEqualTo("rejected"));
      assertThat(seen.get(seen.size() - 1).data().get("reason").asText()).isEqualTo("done");
    }
    assertThat(lastRequest().lastTextOf("tool")).contains("did not run this code", "not on my disk");
    JsonNode items = server.getJson("/api/conversations/" + id).get("items");
    assertThat(items.get(1).get("status").asText()).isEqualTo("rejected");
    assertThat(items.get(2).get("text").asText()).isEqualTo("Understood, I will not.");
    assertThat(home.resolve("workspaces").resolve(id).resolve("ran.txt")).doesNotExist();
  }

  @Test
  void stopWhileAProposalWaitsEndsTheTurnWithoutRunningIt() throws Exception {
    String id = askingConversation();
    model.enqueue(FakeOpenAiServer.toolCall(WRITES_A_FILE), FakeOpenAiServer.text("Stopped."));
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      server.postJson("/api/conversations/" + id + "/messages", "{\"text\":\"write a file\"}", 202);
      events.until(e -> e.type().equals("cell_start"), 90);
      assertThat(server.post("/api/conversations/" + id + "/stop", "").statusCode()).isEqualTo(204);
      List<EventRecorder.Event> seen = events.until(e -> e.type().equals("turn_end"), 90);
      assertThat(seen.get(seen.size() - 1).data().get("reason").asText()).isEqualTo("stopped");
    }
    assertThat(server.getJson("/api/conversations/" + id).get("items").get(1).get("status").asText())
        .isEqualTo("rejected");
    assertThat(home.resolve("workspaces").resolve(id).resolve("ran.txt")).doesNotExist();
  }

  @Test
  void badApprovalValuesAndAnswersToCellsThatWaitForNothingAreClearErrors() {
    String id = server.newConversation();
    assertThat(server.getJson("/api/conversations/" + id).get("approval").asText()).isEqualTo("auto");
    assertThat(RunningServer.expect(patch(id, "{\"approval\":\"sometimes\"}"), 400).get("code").asText())
        .isEqualTo("bad_request:approval");
    assertThat(server.postJson(cellPath(id, "cell-nope", "approve"), "", 409).get("code").asText())
        .isEqualTo("conflict:not_proposed");
    assertThat(server.postJson(cellPath(id, "cell-nope", "reject"), "{\"reason\":3}", 400).get("code").asText())
        .isEqualTo("bad_request:reason");
  }

  @Test
  void theApprovalOptionSetsTheDefaultAndAProposalLeftByAStoppedServerIsExpired(@TempDir Path otherHome)
      throws Exception {
    String id;
    try (RunningServer asking = RunningServer.start(askingOptions(otherHome), System.getenv())) {
      id = asking.newConversation();
      assertThat(asking.getJson("/api/conversations/" + id).get("approval").asText()).isEqualTo("ask");
      model.enqueue(FakeOpenAiServer.toolCall(WRITES_A_FILE));
      try (EventRecorder events = EventRecorder.open(asking, id, null)) {
        asking.postJson("/api/conversations/" + id + "/messages", "{\"text\":\"write a file\"}", 202);
        events.until(e -> e.type().equals("cell_start"), 90);
      }
    }
    try (RunningServer again = RunningServer.start(askingOptions(otherHome), System.getenv())) {
      JsonNode cell = again.getJson("/api/conversations/" + id).get("items").get(1);
      assertThat(cell.get("status").asText()).isEqualTo("expired");
      assertThat(again.postJson(cellPath(id, cell.get("id").asText(), "approve"), "", 409).get("code").asText())
          .isEqualTo("conflict:not_proposed");
    }
    assertThat(Files.exists(otherHome.resolve("workspaces").resolve(id).resolve("ran.txt"))).isFalse();
  }

  private static ServerOptions askingOptions(Path dir) {
    return new ServerOptions("127.0.0.1", 0, dir, RunningServer.TOKEN, false, List.of(), RunningServer.python(), 4,
        Duration.ofHours(1), Duration.ofMinutes(2), 10L << 20, 1L << 20,
        model.asDefaultModel("KERNELCHAT_PROBE_LOCAL", "false"), 0, SandboxSettings.defaults(),
        Kernels.PYTHON, ApprovalMode.ASK);
  }

  private static String askingConversation() {
    String id = server.newConversation();
    assertThat(RunningServer.expect(patch(id, "{\"approval\":\"ask\"}"), 200).get("approval").asText()).isEqualTo("ask");
    return id;
  }

  private static java.net.http.HttpResponse<String> patch(String id, String json) {
    return server.send(server.request("/api/conversations/" + id).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
  }

  private static String cellPath(String id, String cellId, String action) {
    return "/api/conversations/" + id + "/cells/" + cellId + "/" + action;
  }

  private static RecordedRequest lastRequest() {
    List<RecordedRequest> all = model.requests();
    return all.get(all.size() - 1);
  }
}
