package io.kernelchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.conversation.ApiJson;
import io.kernelchat.server.testing.EventRecorder;
import io.kernelchat.server.testing.OneServerPerClass;
import io.kernelchat.server.testing.RunningServer;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConversationApiTest extends OneServerPerClass {
  @Test
  void healthAnswersWithoutAToken() {
    HttpResponse<String> r = server.send(HttpRequest.newBuilder(server.uri("/api/health")).GET().build());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"status\":\"ok\"}");
  }

  @Test
  void aCreatedConversationIsListedReadRenamedAndDeleted() {
    JsonNode created = server.postJson("/api/conversations", "{\"title\":\"Sales\"}", 201);
    String id = created.get("id").asText();
    assertThat(created.get("title").asText()).isEqualTo("Sales");
    assertThat(created.get("running").asBoolean()).isFalse();

    assertThat(server.getJson("/api/conversations").get("conversations").findValuesAsText("id")).contains(id);
    JsonNode renamed = RunningServer.expect(server.send(server.request("/api/conversations/" + id)
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"title\":\"Q3 sales\"}")).build()), 200);
    assertThat(renamed.get("title").asText()).isEqualTo("Q3 sales");
    JsonNode transcript = server.getJson("/api/conversations/" + id);
    assertThat(transcript.get("title").asText()).isEqualTo("Q3 sales");
    assertThat(transcript.get("items")).isEmpty();
    server.execute(id, "open('made.txt', 'w').write('x')");
    Path kernelLog = home.resolve("logs").resolve("kernel-" + id + ".log");
    assertThat(kernelLog).exists();

    assertThat(server.delete("/api/conversations/" + id).statusCode()).isEqualTo(204);
    HttpResponse<String> gone = server.get("/api/conversations/" + id);
    assertThat(gone.statusCode()).isEqualTo(404);
    assertThat(RunningServer.expect(gone, 404).get("code").asText()).isEqualTo("not_found:conversation");
    assertThat(home.resolve("workspaces").resolve(id)).doesNotExist();
    assertThat(kernelLog).doesNotExist();
  }

  @Test
  void executeRunsCodeInTheConversationsKernelAndAnswersWithTheFinishedCell() throws Exception {
    String id = server.newConversation();
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      JsonNode cell = server.execute(id, "x = 21\nprint('hello')\nx * 2");
      assertThat(cell.get("kind").asText()).isEqualTo("cell");
      assertThat(cell.get("status").asText()).isEqualTo("ok");
      assertThat(cell.get("source").asText()).isEqualTo("user");
      assertThat(cell.get("executionCount").asInt()).isEqualTo(1);
      assertThat(cell.get("outputs").get(0).get("type").asText()).isEqualTo("stream");
      assertThat(cell.get("outputs").get(0).get("text").asText()).isEqualTo("hello\n");
      assertThat(cell.get("outputs").get(1).get("type").asText()).isEqualTo("execute_result");
      assertThat(cell.get("outputs").get(1).get("data").get("text/plain").asText()).isEqualTo("42");

      var seen = events.until(e -> e.type().equals("cell_end"), 90);
      assertThat(seen).extracting(EventRecorder.Event::type).contains("cell_start", "output", "cell_end");
      assertThat(seen).extracting(EventRecorder.Event::id).isSorted().doesNotHaveDuplicates();
    }
    JsonNode again = server.execute(id, "x");
    assertThat(again.get("outputs").get(0).get("data").get("text/plain").asText()).isEqualTo("21");

    JsonNode transcript = server.getJson("/api/conversations/" + id);
    assertThat(transcript.get("items")).hasSize(2);
    assertThat(transcript.get("kernel").get("status").asText()).isEqualTo("idle");
    assertThat(transcript.get("lastEventId").asLong()).isPositive();
  }

  @Test
  void aClientThatLeavesBeforeTheAnswerNeitherStopsTheCellNorHurtsTheServer() throws Exception {
    String id = server.newConversation();
    String body = "{\"code\":\"import time\\ntime.sleep(1)\\nprint('done')\"}";
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.getOutputStream().write(("POST /api/conversations/" + id + "/execute HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Authorization: Bearer " + RunningServer.TOKEN + "\r\nContent-Type: application/json\r\nContent-Length: "
          + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8));
      try (EventRecorder events = EventRecorder.open(server, id, null)) {
        events.until(e -> e.type().equals("cell_start"), 30);
      }
    }   // gone while the cell sleeps

    JsonNode cell = null;
    for (long deadline = System.nanoTime() + 30_000_000_000L; System.nanoTime() < deadline; Thread.sleep(100)) {
      cell = server.getJson("/api/conversations/" + id).get("items").get(0);
      if (!cell.get("status").asText().equals("running")) {
        break;
      }
    }
    assertThat(cell.get("status").asText()).isEqualTo("ok");
    assertThat(cell.get("outputs").get(0).get("text").asText()).isEqualTo("done\n");
    assertThat(server.execute(id, "1 + 1").get("outputs").get(0).get("data").get("text/plain").asText()).isEqualTo("2");
  }

  @Test
  void restartingTheKernelLosesVariablesButKeepsFiles() throws Exception {
    String id = server.newConversation();
    server.execute(id, "v = 1\nopen('k.txt', 'w').write('kept')");
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      assertThat(server.post("/api/conversations/" + id + "/kernel/restart", "").statusCode()).isEqualTo(204);
      var seen = events.until(e -> e.type().equals("kernel") && e.data().get("status").asText().equals("idle"), 90);
      assertThat(seen).extracting(e -> e.data().path("status").asText()).contains("restarting");
    }
    JsonNode cell = server.execute(id, "print('v' in dir(), open('k.txt').read())");
    assertThat(cell.get("outputs").get(0).get("text").asText()).isEqualTo("False kept\n");
  }

  @Test
  void anErrorInTheCodeEndsTheCellWithStatusErrorAndTheTraceback() {
    String id = server.newConversation();
    JsonNode cell = server.execute(id, "1/0");
    assertThat(cell.get("status").asText()).isEqualTo("error");
    assertThat(cell.get("outputs")).hasSize(1);
    JsonNode error = cell.get("outputs").get(0);
    assertThat(error.get("type").asText()).isEqualTo("error");
    assertThat(error.get("ename").asText()).isEqualTo("ZeroDivisionError");
  }

  @Test
  void filesTheCodeWritesAreAnnouncedListedAndDownloadable() throws Exception {
    String id = server.newConversation();
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      server.execute(id, "open('out.csv','w').write('a,b\\n1,2\\n')");
      var seen = events.until(e -> e.type().equals("file"), 90);
      JsonNode file = seen.get(seen.size() - 1).data();
      assertThat(file.get("change").asText()).isEqualTo("created");
      assertThat(file.get("file").get("name").asText()).isEqualTo("out.csv");
    }
    assertThat(server.getJson("/api/conversations/" + id + "/files").get("files").findValuesAsText("name"))
        .containsExactly("out.csv");
    HttpResponse<String> download = server.get("/api/conversations/" + id + "/files/out.csv");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo("a,b\n1,2\n");
    assertThat(download.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).startsWith("attachment"));
    assertThat(download.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
    assertThat(download.headers().firstValue("Content-Security-Policy")).isPresent();
    assertThat(server.delete("/api/conversations/" + id + "/files/out.csv").statusCode()).isEqualTo(204);
    assertThat(server.get("/api/conversations/" + id + "/files/out.csv").statusCode()).isEqualTo(404);
  }

  @Test
  void eachFileChangeIsAnnouncedOnceEvenWhenMadeBetweenCells() throws Exception {
    String id = server.newConversation();
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      server.execute(id, "open('a.txt','w').write('1')");
      server.execute(id, "open('a.txt','a').write('22')");
      assertThat(server.delete("/api/conversations/" + id + "/files/a.txt").statusCode()).isEqualTo(204);
      server.execute(id, "1");
      server.execute(id, "import threading, time\n"
          + "threading.Thread(target=lambda: (time.sleep(0.3), open('b.txt','w').write('late'))).start()");
      Thread.sleep(1000);   // b.txt appears while no cell runs; the next cell's end announces it
      server.execute(id, "2");
      var seen = events.until(e -> e.type().equals("file") && e.data().get("file").get("name").asText().equals("b.txt"), 90);
      assertThat(seen.stream().filter(e -> e.type().equals("file"))
          .map(e -> e.data().get("change").asText() + " " + e.data().get("file").get("name").asText()))
          .containsExactly("created a.txt", "modified a.txt", "deleted a.txt", "created b.txt");
    }
  }

  @Test
  void theNotebookExportIsNbformat4WithChatAndCodeCells() {
    String id = server.newConversation();
    server.postJson("/api/conversations/" + id + "/context", "{\"text\":\"the data is in sales.csv\"}", 201);
    server.execute(id, "print(6*7)");
    HttpResponse<String> r = server.get("/api/conversations/" + id + "/notebook");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Disposition")).hasValueSatisfying(v -> assertThat(v).contains(".ipynb"));
    JsonNode nb = io.kernelchat.server.conversation.ApiJson.read(r.body());
    assertThat(nb.get("nbformat").asInt()).isEqualTo(4);
    assertThat(nb.get("cells").get(0).get("cell_type").asText()).isEqualTo("markdown");
    JsonNode code = nb.get("cells").get(1);
    assertThat(code.get("cell_type").asText()).isEqualTo("code");
    assertThat(code.get("outputs").get(0).get("output_type").asText()).isEqualTo("stream");
    assertThat(code.get("outputs").get(0).get("text").asText()).isEqualTo("42\n");
  }

  @Test
  void textBeyondAsciiKeepsEveryCharacterInTheAnswerTheTranscriptAndTheNotebook() {
    String id = server.newConversation();
    String printed = "caf\u00e9 \u20ac \ud83d\ude00 \"q\" \\ tab\t";
    JsonNode cell = server.execute(id, "print(" + ApiJson.write(printed) + ")\n'na\u00efve'");
    assertThat(cell.get("outputs").get(0).get("text").asText()).isEqualTo(printed + "\n");
    assertThat(cell.get("outputs").get(1).get("type").asText()).isEqualTo("execute_result");
    assertThat(cell.get("outputs").get(1).get("data").get("text/plain").asText()).isEqualTo("'na\u00efve'");

    JsonNode stored = server.getJson("/api/conversations/" + id).get("items").get(0);
    assertThat(stored.get("outputs")).isEqualTo(cell.get("outputs"));
    JsonNode notebook = ApiJson.read(server.get("/api/conversations/" + id + "/notebook").body());
    assertThat(notebook.get("cells").get(0).get("outputs").get(0).get("text").asText()).isEqualTo(printed + "\n");
  }

  @Test
  void aLongTranscriptIsReadNewestFirstAPageAtATimeAndWholeWithoutAPage() {
    String id = server.newConversation();
    for (int i = 1; i <= 5; i++) {
      server.postJson("/api/conversations/" + id + "/context", "{\"text\":\"note " + i + "\"}", 201);
    }
    server.execute(id, "print('last')");

    JsonNode newest = server.getJson("/api/conversations/" + id + "?limit=2");
    assertThat(labels(newest)).containsExactly("note 5", "print('last')");
    assertThat(newest.get("items").get(1).get("outputs").get(0).get("text").asText()).isEqualTo("last\n");
    assertThat(newest.get("hasEarlier").asBoolean()).isTrue();
    assertThat(newest.get("lastEventId").asLong()).isPositive();
    assertThat(newest.get("kernel").get("status").asText()).isEqualTo("idle");

    String before = newest.get("items").get(0).get("id").asText();
    JsonNode older = server.getJson("/api/conversations/" + id + "?limit=3&before=" + before);
    assertThat(labels(older)).containsExactly("note 2", "note 3", "note 4");
    assertThat(older.get("hasEarlier").asBoolean()).isTrue();
    JsonNode oldest = server.getJson("/api/conversations/" + id + "?limit=3&before="
        + older.get("items").get(0).get("id").asText());
    assertThat(labels(oldest)).containsExactly("note 1");
    assertThat(oldest.get("hasEarlier").asBoolean()).isFalse();

    JsonNode whole = server.getJson("/api/conversations/" + id);
    assertThat(whole.get("items")).hasSize(6);
    assertThat(whole.get("hasEarlier").asBoolean()).isFalse();
  }

  /** Each item of a transcript by what it says: a message's text, a cell's code. */
  private static java.util.List<String> labels(JsonNode transcript) {
    java.util.List<String> labels = new java.util.ArrayList<>();
    transcript.get("items").forEach(i -> labels.add(i.get(i.get("kind").asText().equals("cell") ? "code" : "text").asText()));
    return labels;
  }

  @Test
  void aPageOfABadSizeOrBeforeAForeignItemIsABadRequestThatSaysWhy() {
    String id = server.newConversation();
    String other = server.newConversation();
    String foreign = server.postJson("/api/conversations/" + other + "/context", "{\"text\":\"x\"}", 201)
        .get("id").asText();
    for (String limit : new String[] {"0", "1001", "-1", "ten", "", "2.5"}) {
      JsonNode error = RunningServer.expect(server.get("/api/conversations/" + id + "?limit=" + limit), 400);
      assertThat(error.get("code").asText()).isEqualTo("bad_request:limit");
      assertThat(error.get("message").asText()).isEqualTo("limit must be a whole number from 1 to 1000, was " + limit);
    }
    JsonNode foreignCursor = RunningServer.expect(
        server.get("/api/conversations/" + id + "?limit=5&before=" + foreign), 400);
    assertThat(foreignCursor.get("code").asText()).isEqualTo("bad_request:before");
    assertThat(foreignCursor.get("message").asText()).isEqualTo("no item " + foreign + " in conversation " + id);
    for (String before : new String[] {"nope", ""}) {
      assertThat(RunningServer.expect(server.get("/api/conversations/" + id + "?before=" + before), 400)
          .get("code").asText()).isEqualTo("bad_request:before");
    }
    assertThat(RunningServer.expect(server.get("/api/conversations/nope?limit=5"), 404).get("code").asText())
        .isEqualTo("not_found:conversation");
  }

  @Test
  void aPageAsLargeAsTheTranscriptHasNothingEarlierAndTheLargestPageIsAllowed() {
    String id = server.newConversation();
    for (int i = 1; i <= 3; i++) {
      server.postJson("/api/conversations/" + id + "/context", "{\"text\":\"note " + i + "\"}", 201);
    }
    JsonNode exact = server.getJson("/api/conversations/" + id + "?limit=3");
    assertThat(labels(exact)).containsExactly("note 1", "note 2", "note 3");
    assertThat(exact.get("hasEarlier").asBoolean()).isFalse();
    JsonNode largest = server.getJson("/api/conversations/" + id + "?limit=1000");
    assertThat(labels(largest)).containsExactly("note 1", "note 2", "note 3");
    assertThat(largest.get("hasEarlier").asBoolean()).isFalse();
    JsonNode oneShort = server.getJson("/api/conversations/" + id + "?limit=2");
    assertThat(oneShort.get("hasEarlier").asBoolean()).isTrue();
  }

  @Test
  void badRequestsGetClearErrors() {
    String id = server.newConversation();
    assertThat(code(server.post("/api/conversations/" + id + "/execute", "{nope"))).isEqualTo("bad_request:json");
    assertThat(code(server.post("/api/conversations/" + id + "/execute", "{}"))).isEqualTo("bad_request:code");
    assertThat(code(server.post("/api/conversations/" + id + "/execute", "{\"code\":5}"))).isEqualTo("bad_request:code");
    assertThat(code(server.get("/api/conversations/nope"))).isEqualTo("not_found:conversation");
    assertThat(code(server.get("/api/nothing-here"))).isEqualTo("not_found:route");
  }

  private static String code(HttpResponse<String> r) {
    assertThat(r.statusCode()).isBetween(400, 499);
    return io.kernelchat.server.conversation.ApiJson.read(r.body()).get("code").asText();
  }
}
