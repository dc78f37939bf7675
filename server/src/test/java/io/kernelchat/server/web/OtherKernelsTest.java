package io.kernelchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.conversation.ApiJson;
import io.kernelchat.server.llm.fake.FakeOpenAiServer;
import io.kernelchat.server.llm.fake.RecordedRequest;
import io.kernelchat.server.testing.EventRecorder;
import io.kernelchat.server.testing.Multipart;
import io.kernelchat.server.testing.RunningServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conversations of other kernels than Python's, with real kernels as Debian packages them (./test installs
 * them): IRkernel, and Octave to show nothing is R-specific. Sandboxed where bubblewrap works, with the pool on
 * (its kernels are Python's).
 */
class OtherKernelsTest {
  @TempDir static Path home;
  static FakeOpenAiServer model;
  static RunningServer server;

  @BeforeAll
  static void start() {
    model = FakeOpenAiServer.start();
    server = RunningServer.start(home, model.asDefaultModel(), 6, Duration.ofMinutes(2), 10L << 20,
        1L << 20);
  }

  @AfterAll
  static void stop() {
    server.close();
    model.close();
  }

  private static String conversation(String kernel) {
    JsonNode created = server.postJson("/api/conversations", "{\"kernel\":\"" + kernel + "\"}", 201);
    assertThat(created.get("kernelspec").asText()).isEqualTo(kernel);
    return created.get("id").asText();
  }

  private static HttpResponse<String> patch(String id, String json) {
    return server.send(server.request("/api/conversations/" + id).header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build());
  }

  /** Every text/plain value and stream text of a cell, joined. */
  private static String text(JsonNode cell) {
    StringBuilder text = new StringBuilder();
    for (JsonNode output : cell.get("outputs")) {
      text.append(output.path("text").asText()).append(output.path("data").path("text/plain").asText());
    }
    return text.toString();
  }

  @Test
  void theKernelspecsRouteListsTheDefaultFirstThenEveryKernelItCanStart() {
    JsonNode list = server.getJson("/api/kernelspecs");

    assertThat(list.get("default").asText()).isEqualTo("python3");
    List<String> names = list.get("kernelspecs").findValuesAsText("name");
    assertThat(names.get(0)).isEqualTo("python3");
    assertThat(names).contains("ir", "octave").doesNotContain("not-installed");
    assertThat(list.get("kernelspecs")).anySatisfy(spec -> {
      assertThat(spec.get("name").asText()).isEqualTo("ir");
      assertThat(spec.get("displayName").asText()).isEqualTo("R");
      assertThat(spec.get("language").asText()).isEqualTo("R");
    });
  }

  @Test
  void anRConversationReadsAnUploadedCsvPlotsAsPngAndShowsRsErrors() {
    String id = conversation("ir");
    server.send(new Multipart().file("uploaded.csv", "region,amount\nnorth,10\nsouth,30\n".getBytes(StandardCharsets.UTF_8))
        .into(server.request("/api/conversations/" + id + "/files")).build());

    JsonNode summary = server.execute(id, "summary(read.csv(\"uploaded.csv\"))");
    assertThat(summary.get("status").asText()).isEqualTo("ok");
    assertThat(text(summary)).contains("amount", "Min.", "Max.   :30");

    JsonNode plot = server.execute(id, "plot(1:10)");
    String png = plot.get("outputs").get(0).get("data").get("image/png").asText();
    assertThat(Base64.getMimeDecoder().decode(png)).startsWith(0x89, 'P', 'N', 'G');

    JsonNode error = server.execute(id, "stop(\"the amounts do not add up\")");
    assertThat(error.get("status").asText()).isEqualTo("error");
    assertThat(error.get("outputs").findValuesAsText("evalue")).anySatisfy(v -> assertThat(v).contains("do not add up"));

    JsonNode transcript = server.getJson("/api/conversations/" + id);
    assertThat(transcript.get("kernelspec").asText()).isEqualTo("ir");
    // The upload's preview tells the model how R reads it.
    assertThat(transcript.get("items").findValuesAsText("text"))
        .anySatisfy(t -> assertThat(t).contains("read.csv(\"uploaded.csv\")"));
  }

  @Test
  void aStopInterruptsRsSleepAndARestartGivesAFreshRKernel() throws Exception {
    String id = conversation("ir");
    server.execute(id, "x <- 1");
    CompletableFuture<JsonNode> sleeping = CompletableFuture.supplyAsync(() -> server.execute(id, "Sys.sleep(60)"));
    // Polled, not awaited as an event: the cell may have gone busy before an event stream could be opened.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!server.getJson("/api/conversations/" + id).get("kernel").get("status").asText().equals("busy")
        && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    // Busy is told as the request goes out: give R a moment to be inside Sys.sleep, which is what is interrupted.
    Thread.sleep(1000);

    server.postJson("/api/conversations/" + id + "/stop", "{}", 204);

    assertThat(sleeping.get(15, TimeUnit.SECONDS).get("status").asText()).isEqualTo("interrupted");
    assertThat(text(server.execute(id, "x + 1"))).isEqualTo("[1] 2");
    server.postJson("/api/conversations/" + id + "/kernel/restart", "{}", 204);
    assertThat(text(server.execute(id, "exists(\"x\")"))).isEqualTo("[1] FALSE");
  }

  @Test
  void anAgentTurnInRGetsAToolNamedRAndAPromptThatSaysR() throws Exception {
    model.enqueue(FakeOpenAiServer.toolCall("r", "Computing.", "cat(6 * 7)"), FakeOpenAiServer.text("It is 42."));
    String id = conversation("ir");
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      server.postJson("/api/conversations/" + id + "/messages", "{\"text\":\"what is 6*7?\"}", 202);

      List<EventRecorder.Event> seen = events.until(e -> e.type().equals("turn_end"), 90);
      assertThat(seen.get(seen.size() - 1).data().get("reason").asText()).isEqualTo("done");
      assertThat(seen).filteredOn(e -> e.type().equals("output"))
          .anySatisfy(e -> assertThat(e.data().get("output").get("text").asText()).isEqualTo("42"));
    }
    RecordedRequest first = model.requests().get(model.requests().size() - 2);
    assertThat(first.body().get("tools").findValuesAsText("name")).containsExactly("r");
    assertThat(first.messages().get(0).get("content").asText()).contains("stateful R Jupyter kernel")
        .doesNotContain("numpy");
  }

  @Test
  void anOctaveConversationRunsOctaveToo() {
    String id = conversation("octave");

    JsonNode cell = server.execute(id, "disp(6 * 7)");

    assertThat(cell.get("status").asText()).isEqualTo("ok");
    assertThat(text(cell).strip()).isEqualTo("42");
  }

  @Test
  void aKernelspecThatDoesNotExistOrCannotStartIsRefusedAndTheConversationStaysUsable() {
    HttpResponse<String> unknown = server.post("/api/conversations", "{\"kernel\":\"cobol\"}");
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(ApiJson.read(unknown.body()).get("code").asText()).isEqualTo("bad_request:kernel");
    assertThat(ApiJson.read(unknown.body()).get("message").asText()).contains("no kernelspec 'cobol'", "ir");

    HttpResponse<String> missing = server.post("/api/conversations", "{\"kernel\":\"not-installed\"}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(ApiJson.read(missing.body()).get("message").asText())
        .contains("'kernelchat-test-kernel-that-is-not-installed' is not on PATH");

    String id = server.newConversation();
    assertThat(server.execute(id, "x = 20").get("status").asText()).isEqualTo("ok");
    HttpResponse<String> patched = patch(id, "{\"kernel\":\"not-installed\"}");
    assertThat(patched.statusCode()).isEqualTo(400);
    assertThat(ApiJson.read(patched.body()).get("code").asText()).isEqualTo("bad_request:kernel");
    assertThat(text(server.execute(id, "x + 1"))).isEqualTo("21");
    assertThat(server.getJson("/api/conversations/" + id).get("kernelspec").asText()).isEqualTo("python3");
  }

  @Test
  void changingTheKernelRestartsItWithANoticeAndTheNextCellRunsInTheNewLanguage() {
    String id = server.newConversation();
    server.execute(id, "x = 1");

    JsonNode changed = RunningServer.expect(patch(id, "{\"kernel\":\"ir\"}"), 200);

    assertThat(changed.get("kernelspec").asText()).isEqualTo("ir");
    assertThat(text(server.execute(id, "R.version$language"))).isEqualTo("[1] \"R\"");
    assertThat(server.getJson("/api/conversations/" + id).get("items").findValuesAsText("text"))
        .anySatisfy(t -> assertThat(t).startsWith("The kernel is now R, so it restarted"));
  }

  @Test
  void theNotebookOfAnRConversationNamesItsKernelAndJupyterReExecutesItWithThatKernel() throws Exception {
    String id = conversation("ir");
    server.execute(id, "x <- 21");
    server.execute(id, "x * 2");

    JsonNode notebook = server.getJson("/api/conversations/" + id + "/notebook");

    JsonNode metadata = notebook.get("metadata");
    assertThat(metadata.get("kernelspec").get("name").asText()).isEqualTo("ir");
    assertThat(metadata.get("kernelspec").get("language").asText()).isEqualTo("R");
    assertThat(metadata.get("language_info").get("name").asText()).isEqualTo("R");
    assertThat(metadata.get("language_info").get("file_extension").asText()).isEqualToIgnoringCase(".r");
    Path file = home.resolve("r.ipynb");
    Files.writeString(file, notebook.toString());
    assertThat(reExecutedByJupyterClient(file)).containsExactly("ok", "ok");
  }

  /**
   * The execute_reply statuses of the notebook's code cells, run by jupyter_client (the reference client, which
   * the test Python has with ipykernel) in the kernel the notebook's metadata names.
   */
  private static List<String> reExecutedByJupyterClient(Path notebook) throws Exception {
    String script = """
        import json, sys
        from jupyter_client.manager import start_new_kernel
        nb = json.load(open(sys.argv[1]))
        km, kc = start_new_kernel(kernel_name=nb["metadata"]["kernelspec"]["name"])
        try:
            for cell in nb["cells"]:
                if cell["cell_type"] == "code":
                    reply = kc.execute_interactive(cell["source"], timeout=60, output_hook=lambda m: None)
                    print(reply["content"]["status"])
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        """;
    String python = RunningServer.python().map(Path::toString).orElse("/usr/bin/python3");
    // Its stderr apart: Debian's jupyter_client 7.4 prints an ignored exception from KernelClient.__del__ at exit.
    Path errors = Files.createTempFile("re-execute", ".err");
    Process p = new ProcessBuilder(python, "-c", script, notebook.toString())
        .redirectError(ProcessBuilder.Redirect.to(errors.toFile())).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out + Files.readString(errors)).isZero();
    Files.delete(errors);
    return out.lines().toList();
  }
}
