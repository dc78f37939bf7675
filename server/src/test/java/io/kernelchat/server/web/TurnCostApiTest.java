package io.kernelchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.offset;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.llm.fake.FakeOpenAiServer;
import io.kernelchat.server.testing.EventRecorder;
import io.kernelchat.server.testing.RunningServer;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A turn's tokens and, where its model has a price, their cost: as the turn ends and in the transcript after. */
class TurnCostApiTest {
  /** The fake's usage per call, 12 in (4 cached) and 5 out, at 2.00/8.00/0.50 dollars per million. */
  private static final double CALL_DOLLARS = ((FakeOpenAiServer.PROMPT_TOKENS - FakeOpenAiServer.CACHED_TOKENS) * 2.0
      + FakeOpenAiServer.CACHED_TOKENS * 0.5 + FakeOpenAiServer.COMPLETION_TOKENS * 8.0) / 1e6;
  @TempDir static Path home;
  static FakeOpenAiServer model;
  static RunningServer server;

  @BeforeAll
  static void start() {
    model = FakeOpenAiServer.start();
    model.models("fake-model", "fake-free");
    server = RunningServer.start(home, model.asDefaultModel("KERNELCHAT_MODELS", "fake-model,fake-free",
        "KERNELCHAT_PRICES", "fake-model=2.00/8.00/0.50"), 4, Duration.ofMinutes(2), 10L << 20, 1L << 20);
  }

  @AfterAll
  static void stop() {
    server.close();
    model.close();
  }

  @Test
  void aPricedTurnSaysWhatItCostAndTheTranscriptKeepsItOnTheTurnsMessageAfterAReload() throws Exception {
    String id = server.newConversation();
    JsonNode end = turn(id, "go");
    JsonNode usage = end.get("usage");
    // Two calls: the code, then the answer.
    assertThat(usage.get("inputTokens").asLong()).isEqualTo(2L * FakeOpenAiServer.PROMPT_TOKENS);
    assertThat(usage.get("costUsd").asDouble()).isCloseTo(2 * CALL_DOLLARS, offset(1e-12));

    JsonNode transcript = server.getJson("/api/conversations/" + id);
    JsonNode asked = transcript.get("items").get(0);
    assertThat(asked.get("id").asText()).isEqualTo(end.get("messageId").asText());
    assertThat(asked.get("role").asText()).isEqualTo("user");
    assertThat(asked.get("usage")).isEqualTo(usage);
    assertThat(transcript.get("items")).filteredOn(i -> !i.get("id").equals(asked.get("id")))
        .allSatisfy(i -> assertThat(i.has("usage")).isFalse());
    assertThat(transcript.get("tokens").get("costUsd").asDouble()).isEqualTo(usage.get("costUsd").asDouble());

    turn(id, "again");
    JsonNode both = server.getJson("/api/conversations/" + id);
    assertThat(both.get("items").findValues("usage")).hasSize(2);
    assertThat(both.get("tokens").get("inputTokens").asLong()).isEqualTo(4L * FakeOpenAiServer.PROMPT_TOKENS);
    assertThat(both.get("tokens").get("costUsd").asDouble())
        .isCloseTo(4 * CALL_DOLLARS, offset(1e-12));
    JsonNode listed = server.getJson("/api/conversations").get("conversations").findParents("id").stream()
        .filter(c -> c.get("id").asText().equals(id)).findFirst().orElseThrow();
    assertThat(listed.get("tokens")).isEqualTo(both.get("tokens"));
  }

  @Test
  void aModelWithoutAPriceShowsItsTokensAndNoMoneyAndTheConversationTotalThenHasNoneEither() throws Exception {
    String id = server.newConversation();
    turn(id, "priced");
    RunningServer.expect(server.send(server.request("/api/conversations/" + id).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"model\":\"fake-free\"}")).build()), 200);
    JsonNode end = turn(id, "free");
    assertThat(end.get("usage").get("outputTokens").asLong()).isEqualTo(2L * FakeOpenAiServer.COMPLETION_TOKENS);
    assertThat(end.get("usage").has("costUsd")).isFalse();

    JsonNode transcript = server.getJson("/api/conversations/" + id);
    List<JsonNode> usages = transcript.get("items").findValues("usage");
    assertThat(usages).hasSize(2);
    assertThat(usages.get(0).has("costUsd")).isTrue();
    assertThat(usages.get(1).has("costUsd")).isFalse();
    // Part of it has no price: a total in dollars would be a guess.
    assertThat(transcript.get("tokens").get("inputTokens").asLong()).isEqualTo(4L * FakeOpenAiServer.PROMPT_TOKENS);
    assertThat(transcript.get("tokens").has("costUsd")).isFalse();
  }

  @Test
  void aTurnsTokensOutliveTheServerAndTheNextOneReckonsTheirCostAtItsOwnPrices(@TempDir Path own) throws Exception {
    Map<String, String> env = model.asDefaultModel();
    String id;
    JsonNode usage;
    try (RunningServer first = RunningServer.start(own, env, 2, Duration.ofMinutes(2), 10L << 20, 1L << 20)) {
      id = first.newConversation();
      usage = turn(first, id, "go").get("usage");
      assertThat(usage.has("costUsd")).isFalse();
    }
    Map<String, String> priced = new java.util.HashMap<>(env);
    priced.put("KERNELCHAT_PRICES", "fake-model=2.00/8.00/0.50");
    try (RunningServer second = RunningServer.start(own, priced, 2, Duration.ofMinutes(2), 10L << 20, 1L << 20)) {
      JsonNode kept = second.getJson("/api/conversations/" + id).get("items").get(0).get("usage");
      assertThat(kept.get("inputTokens")).isEqualTo(usage.get("inputTokens"));
      assertThat(kept.get("outputTokens")).isEqualTo(usage.get("outputTokens"));
      assertThat(kept.get("cachedInputTokens")).isEqualTo(usage.get("cachedInputTokens"));
      assertThat(kept.get("costUsd").asDouble()).isCloseTo(2 * CALL_DOLLARS, offset(1e-12));
    }
  }

  @Test
  void aPriceThatCannotBeReadStopsTheStartWithWhatIsWrong(@TempDir Path other) {
    assertThatThrownBy(() -> RunningServer.start(other, Map.of("KERNELCHAT_PRICES", "gpt-4o=2.50"), 1,
        Duration.ofMinutes(1), 1L << 20, 1L << 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("KERNELCHAT_PRICES").hasMessageContaining("gpt-4o=2.50");
  }

  private static JsonNode turn(String id, String text) throws Exception {
    return turn(server, id, text);
  }

  /** Runs a turn of a cell and an answer; returns its turn_end's data. */
  private static JsonNode turn(RunningServer server, String id, String text) throws Exception {
    model.enqueue(FakeOpenAiServer.toolCall("Computing.", "print(1)"), FakeOpenAiServer.text("Done."));
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      server.postJson("/api/conversations/" + id + "/messages", "{\"text\":\"" + text + "\"}", 202);
      List<EventRecorder.Event> seen = events.until(e -> e.type().equals("turn_end"), 90);
      return seen.get(seen.size() - 1).data();
    }
  }
}
