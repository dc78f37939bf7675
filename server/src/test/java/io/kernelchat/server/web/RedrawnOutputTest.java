package io.kernelchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.conversation.ApiJson;
import io.kernelchat.server.llm.fake.FakeOpenAiServer;
import io.kernelchat.server.llm.fake.RecordedRequest;
import io.kernelchat.server.testing.EventRecorder;
import io.kernelchat.server.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Output that redraws itself (progress bars, clear_output loops, display updates) is stored, exported and read by
 * the model in its final state. The expected outputs are what nbclient 0.7 leaves after re-executing the same
 * cells, except that it keeps a stream's carriage returns, which Jupyter's page then applies.
 */
class RedrawnOutputTest {
  /** As tqdm draws a bar over 10,000 items with every update shown: a carriage return, then the whole bar. */
  private static final String PROGRESS_BAR = """
      import sys
      for i in range(10001):
          sys.stderr.write(f'\\r{i * 100 // 10000:3d}%|{"#" * (i * 20 // 10000):20}| {i}/10000')
      sys.stderr.write('\\n');""";
  private static final String BAR_AT_THE_END = "100%|####################| 10000/10000\n";
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
  void aProgressBarOverTenThousandItemsIsStoredExportedAndReadByTheModelAsItsLastState() throws Exception {
    String id = server.newConversation();
    assertThat(outputs(server.execute(id, PROGRESS_BAR))).containsExactly("stderr:" + BAR_AT_THE_END);
    assertThat(outputs(server.getJson("/api/conversations/" + id).get("items").get(0)))
        .containsExactly("stderr:" + BAR_AT_THE_END);
    assertThat(notebookOutputs(id).get(0)).containsExactly("stream:" + BAR_AT_THE_END);

    model.enqueue(FakeOpenAiServer.toolCall(PROGRESS_BAR), FakeOpenAiServer.text("Done."));
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      server.postJson("/api/conversations/" + id + "/messages", "{\"text\":\"count to 10000\"}", 202);
      events.until(e -> e.type().equals("turn_end"), 90);
    }
    List<RecordedRequest> requests = model.requests();
    String toolResult = requests.get(requests.size() - 1).lastTextOf("tool");
    assertThat(toolResult).contains(BAR_AT_THE_END.strip()).doesNotContain("9999/10000").doesNotContain("\r");
  }

  @Test
  void aDisplayUpdatedAPrintClearedAndAPrintExportOnlyTheLastPrintAsJupyterShowsIt() {
    String id = server.newConversation();
    server.execute(id, """
        from IPython.display import display, clear_output
        h = display('v1', display_id=True)
        h.update('v2')
        print('a')
        clear_output()
        print('b')""");
    server.execute(id, """
        for i in range(100):
            clear_output(wait=True)
            print(i)""");
    server.execute(id, """
        clear_output(wait=True)
        print('kept')
        clear_output(wait=True)""");
    assertThat(server.getJson("/api/conversations/" + id).get("items").findValues("outputs"))
        .map(RedrawnOutputTest::outputs)
        .containsExactly(List.of("stdout:b\n"), List.of("stdout:99\n"), List.of("stdout:kept\n"));
    assertThat(notebookOutputs(id)).containsExactly(List.of("stream:b\n"), List.of("stream:99\n"),
        List.of("stream:kept\n"));
  }

  @Test
  void anUpdateOfAnEarlierCellsDisplayIsExportedInThatCell() {
    String id = server.newConversation();
    server.execute(id, "g = display('v1', display_id=True)");
    server.execute(id, "g.update('v2')\nprint('x')");
    assertThat(notebookOutputs(id)).containsExactly(List.of("display_data:'v2'"), List.of("stream:x\n"));
  }

  private static List<String> outputs(JsonNode cellOrOutputs) {
    JsonNode outputs = cellOrOutputs.has("outputs") ? cellOrOutputs.get("outputs") : cellOrOutputs;
    return java.util.stream.StreamSupport.stream(outputs.spliterator(), false)
        .map(o -> o.has("text") ? o.get("name").asText() + ":" + o.get("text").asText() : o.get("type").asText())
        .toList();
  }

  private static List<List<String>> notebookOutputs(String id) {
    JsonNode notebook = ApiJson.read(server.get("/api/conversations/" + id + "/notebook").body());
    return java.util.stream.StreamSupport.stream(notebook.get("cells").spliterator(), false)
        .filter(c -> c.get("cell_type").asText().equals("code"))
        .map(c -> java.util.stream.StreamSupport.stream(c.get("outputs").spliterator(), false)
            .map(o -> o.get("output_type").asText() + ":" + (o.has("text") ? o.get("text").asText()
                : o.at("/data/text~1plain").asText()))
            .toList())
        .toList();
  }
}
