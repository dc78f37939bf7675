package io.kernelchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.llm.fake.FakeOpenAiServer;
import io.kernelchat.server.llm.fake.RecordedRequest;
import io.kernelchat.server.testing.EventRecorder;
import io.kernelchat.server.testing.Multipart;
import io.kernelchat.server.testing.RunningServer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** POST /api/conversations/import: a notebook made elsewhere becomes a conversation, and run all rebuilds its state. */
class NotebookImportTest {
  /** As Jupyter writes one: sources and texts as lists of lines, a plot, a MIME type nobody here knows, an error. */
  private static final String FOREIGN = """
      {"nbformat": 4, "nbformat_minor": 5,
       "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
       "cells": [
        {"cell_type": "markdown", "id": "a", "metadata": {}, "source": ["# Sales\\n", "First the data."]},
        {"cell_type": "code", "id": "b", "metadata": {}, "execution_count": 1, "source": ["x = 6 * 7\\n", "print(x)"],
         "outputs": [{"output_type": "stream", "name": "stdout", "text": ["42\\n"]}]},
        {"cell_type": "code", "id": "c", "metadata": {}, "execution_count": 2, "source": "x",
         "outputs": [{"output_type": "execute_result", "execution_count": 2, "metadata": {},
                      "data": {"text/plain": ["42"], "application/vnd.example+json": {"k": 1}}},
                     {"output_type": "display_data", "metadata": {}, "data": {"image/png": "iVBORw0KGgo=\\n"}},
                     {"output_type": "widget_state", "data": {}}]}
       ]}""";
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

  private static HttpResponse<String> importing(String fileName, String notebook) {
    return server.send(new Multipart().file(fileName, notebook.getBytes(StandardCharsets.UTF_8))
        .into(server.request("/api/conversations/import")).build());
  }

  @Test
  void aNotebookFromJupyterBecomesAConversationWithItsCellsAndOutputsAndRunAllRebuildsItsVariables() throws Exception {
    JsonNode created = RunningServer.expect(importing("Sales report.ipynb", FOREIGN), 201);
    assertThat(created.get("title").asText()).isEqualTo("Sales report");
    assertThat(created.get("kernelspec").asText()).isEqualTo("python3");
    String id = created.get("id").asText();

    JsonNode items = server.getJson("/api/conversations/" + id).get("items");
    assertThat(items).hasSize(3);
    assertThat(items.get(0).get("role").asText()).isEqualTo("context");
    assertThat(items.get(0).get("text").asText()).isEqualTo("# Sales\nFirst the data.");
    assertThat(items.get(1).get("code").asText()).isEqualTo("x = 6 * 7\nprint(x)");
    assertThat(items.get(1).get("executionCount").asInt()).isEqualTo(1);
    assertThat(items.get(1).at("/outputs/0/text").asText()).isEqualTo("42\n");
    JsonNode outputs = items.get(2).get("outputs");
    assertThat(outputs.get(0).get("type").asText()).isEqualTo("execute_result");
    assertThat(outputs.get(0).at("/data/text~1plain").asText()).isEqualTo("42");
    assertThat(outputs.get(0).at("/data/application~1vnd.example+json/k").asInt()).isEqualTo(1);   // kept, as it was
    assertThat(outputs.get(1).at("/data/image~1png").asText()).isEqualTo("iVBORw0KGgo=\n");
    assertThat(outputs.get(2).get("text").asText()).contains("\"widget_state\"", "cannot show");

    JsonNode ran = server.postJson("/api/conversations/" + id + "/run-all", "", 200).get("cells");
    assertThat(ran.findValuesAsText("id")).containsExactly(items.get(1).get("id").asText(), items.get(2).get("id").asText());
    assertThat(ran.findValuesAsText("status")).containsExactly("ok", "ok");
    assertThat(server.getJson("/api/conversations/" + id).get("items")).hasSize(3);   // run in place
    assertThat(server.execute(id, "print(x + 1)").at("/outputs/0/text").asText()).isEqualTo("43\n");

    model.enqueue(FakeOpenAiServer.text("It computes 42."));
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      server.postJson("/api/conversations/" + id + "/messages", "{\"text\":\"what does it do?\"}", 202);
      events.until(e -> e.type().equals("turn_end"), 60);
    }
    List<RecordedRequest> requests = model.requests();
    assertThat(requests.get(requests.size() - 1).allText()).contains("imported from the notebook Sales report.ipynb",
        "x = 6 * 7", "42", "[image/png shown to the person]");
  }

  @Test
  void aNotebookOfAKernelThisServerLacksRunsTheDefaultAndSaysSo() {
    String notebook = FOREIGN.replace("\"name\": \"python3\"", "\"name\": \"no-such-kernel\"");
    String id = RunningServer.expect(importing("other.ipynb", notebook), 201).get("id").asText();
    JsonNode items = server.getJson("/api/conversations/" + id).get("items");
    assertThat(items.get(items.size() - 1).get("role").asText()).isEqualTo("notice");
    assertThat(items.get(items.size() - 1).get("text").asText()).contains("no-such-kernel");
  }

  @Test
  void badNotebooksGetClearErrors() {
    assertError(importing("x.ipynb", "{not json"), 400, "bad_request:notebook", "not JSON");
    assertError(importing("x.ipynb", "[1, 2]"), 400, "bad_request:notebook", "not a JSON object");
    assertError(importing("old.ipynb", "{\"nbformat\": 3, \"worksheets\": []}"), 400, "bad_request:notebook",
        "nbformat 3");
    assertError(importing("x.ipynb", "{\"nbformat\": 4}"), 400, "bad_request:notebook", "no list of cells");
    assertError(server.send(server.request("/api/conversations/import").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(FOREIGN)).build()), 400, "bad_request:notebook", "multipart");
  }

  @Test
  void aNotebookOf200MegabytesIsRefusedBeforeItIsRead() throws IOException {
    // Only the head goes out, on a socket of its own: the server must answer on the length alone. (The JDK client
    // cannot show that: sending the body races the server's close, and with Expect: 100-continue it never returns.)
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(30_000);
      String head = "POST /api/conversations/import HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
          + "\r\nAuthorization: Bearer " + RunningServer.TOKEN
          + "\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: " + (200L << 20) + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String response = new String(socket.getInputStream().readNBytes(4096), StandardCharsets.UTF_8);
      assertThat(response).startsWith("HTTP/1.1 413").contains("too_large:notebook").contains("at most 64 MB");
    }
  }

  private static void assertError(HttpResponse<String> response, int status, String code, String message) {
    JsonNode error = RunningServer.expect(response, status);
    assertThat(error.get("code").asText()).isEqualTo(code);
    assertThat(error.get("message").asText()).contains(message);
  }
}
