package io.kernelchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.jupyter.JupyterServer;
import io.kernelchat.jupyter.JupyterServerOptions;
import io.kernelchat.jupyter.testing.TestJupyterServer;
import io.kernelchat.server.ServerOptions;
import io.kernelchat.server.conversation.ApprovalMode;
import io.kernelchat.server.kernels.SandboxSettings;
import io.kernelchat.server.testing.EventRecorder;
import io.kernelchat.server.testing.Multipart;
import io.kernelchat.server.testing.RunningServer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kernelchat with {@code --gateway-url} on a real Jupyter Server: every kernel runs there, none on this machine
 * (the configured Python does not exist, so a local start would fail), and the API behaves as with local kernels.
 */
class GatewayTest {
  /** A 1x1 PNG, as a plot library's figure arrives: display data with an image/png part. */
  private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
  @TempDir static Path home;
  private static TestJupyterServer jupyter;
  private static JupyterServer gateway;
  private static RunningServer server;

  @BeforeAll
  static void start() throws Exception {
    Optional<Path> python = TestJupyterServer.python();
    assumeTrue(python.isPresent(), "no Python with jupyter_server: run scripts/provision-jupyter-server");
    jupyter = TestJupyterServer.start(python.get());
    gateway = new JupyterServer(JupyterServerOptions.of(jupyter.url(), jupyter.token()));
    server = start(home.resolve("main"), JupyterServerOptions.of(jupyter.url(), jupyter.token()), Duration.ofHours(1),
        Duration.ofSeconds(20));
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    if (jupyter != null) {
      jupyter.close();
    }
  }

  private static RunningServer start(Path home, JupyterServerOptions gateway, Duration idle, Duration execution) {
    // A pool of 1 asked for: with a gateway there is none, and a local kernel could not start anyway.
    return RunningServer.start(new ServerOptions("127.0.0.1", 0, home, RunningServer.TOKEN, false, List.of(),
        Optional.of(Path.of("/nonexistent/python")), 4, idle, execution, 1L << 20, 64L << 20,
        Map.of("KERNELCHAT_PROBE_LOCAL", "false"), 1, SandboxSettings.defaults(), "python3", ApprovalMode.AUTO,
        Optional.of(gateway)), System.getenv());
  }

  @Test
  void theKernelspecsAreTheGatewaysAndNothingIsSandboxedOrPooledHere() {
    JsonNode specs = server.getJson("/api/kernelspecs");
    assertThat(specs.get("default").asText()).isEqualTo("python3");
    assertThat(specs.get("kernelspecs").findValuesAsText("name")).first().isEqualTo("python3");
    JsonNode sandbox = server.getJson("/api/sandbox");
    assertThat(sandbox.get("sandbox").asText()).isEqualTo("off");
    assertThat(sandbox.get("reason").asText()).contains("Jupyter Server at " + jupyter.url());
    assertThat(server.getJson("/api/kernels/pool").get("size").asInt()).isZero();
  }

  @Test
  void codeRunsInAKernelOnTheGatewayInTheConversationsDirectory() {
    String id = server.newConversation();
    JsonNode cell = server.execute(id, "import os\nprint(os.getcwd())\n6 * 7");
    assertThat(cell.get("status").asText()).isEqualTo("ok");
    assertThat(cell.get("outputs").get(0).get("text").asText().strip())
        .isEqualTo(jupyter.root().resolve("kernelchat").resolve(id).toString());
    assertThat(cell.get("outputs").get(1).get("data").get("text/plain").asText()).isEqualTo("42");
    JsonNode kernel = server.getJson("/api/conversations/" + id).get("kernel");
    assertThat(kernel.get("status").asText()).isEqualTo("idle");
    assertThat(kernel.get("sandbox").asText()).isEqualTo("off");
  }

  @Test
  void outputsStreamAsTheyComeAndRichOutputsArriveWhole() throws Exception {
    String id = server.newConversation();
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      JsonNode cell = server.execute(id, "import base64, time\nfrom IPython.display import Image, display\n"
          + "print('first', flush=True)\ntime.sleep(0.5)\ndisplay(Image(data=base64.b64decode('" + PNG + "')))");
      assertThat(cell.get("outputs").get(1).get("type").asText()).isEqualTo("display_data");
      assertThat(cell.get("outputs").get(1).get("data").get("image/png").asText()).isEqualTo(PNG);
      var seen = events.until(e -> e.type().equals("cell_end"), 60);
      assertThat(seen).extracting(EventRecorder.Event::type).containsSubsequence("cell_start", "output", "output",
          "cell_end");
    }
  }

  @Test
  void stopInterruptsARunningCellOnTheGateway() throws Exception {
    String id = server.newConversation();
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      CompletableFuture<JsonNode> running = CompletableFuture.supplyAsync(() -> server.execute(id,
          "import time\nprint('started', flush=True)\nwhile True: time.sleep(0.01)"));
      events.until(e -> e.type().equals("output"), 60);
      assertThat(server.post("/api/conversations/" + id + "/stop", "").statusCode()).isEqualTo(204);
      JsonNode cell = running.get(30, TimeUnit.SECONDS);
      assertThat(cell.get("status").asText()).isEqualTo("interrupted");
    }
    assertThat(server.execute(id, "1 + 1").get("outputs").get(0).get("data").get("text/plain").asText()).isEqualTo("2");
  }

  @Test
  void aCellPastTheExecutionTimeoutIsStoppedAndTheKernelGoesOn() {
    String id = server.newConversation();
    JsonNode cell = server.execute(id, "x = 5\nimport time\ntime.sleep(600)");
    assertThat(cell.get("status").asText()).isEqualTo("timeout");
    assertThat(server.execute(id, "1 + 1").get("outputs").get(0).get("data").get("text/plain").asText()).isEqualTo("2");
  }

  @Test
  void aRestartLosesVariablesAndKeepsTheFilesOfTheGatewaysDirectory() throws Exception {
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
  void aKernelThatDiesOnTheGatewayIsToldAndReplaced() throws Exception {
    String id = server.newConversation();
    server.execute(id, "gone = 1");
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      JsonNode cell = server.execute(id, "import os\nos._exit(1)");
      assertThat(cell.get("status").asText()).isEqualTo("error");
      var seen = events.until(e -> e.type().equals("message") && e.data().get("role").asText().equals("notice"), 90);
      assertThat(seen.get(seen.size() - 1).data().get("text").asText()).contains("The kernel died");
    }
    JsonNode after = server.execute(id, "print('gone' in dir())");
    assertThat(after.get("outputs").get(0).get("text").asText()).isEqualTo("False\n");
  }

  @Test
  void anUploadOfSeveralPiecesLandsInTheKernelsDirectoryAndDownloadsWhole() throws Exception {
    String id = server.newConversation();
    byte[] bytes = new byte[20 << 20];   // three pieces of the contents API's chunked save
    new java.util.Random(15).nextBytes(bytes);
    HttpResponse<String> up = server.send(new Multipart().file("big.bin", bytes)
        .into(server.request("/api/conversations/" + id + "/files")).build());
    assertThat(RunningServer.expect(up, 201).get("files").get(0).get("size").asLong()).isEqualTo(bytes.length);
    assertThat(jupyter.root().resolve("kernelchat").resolve(id).resolve("big.bin")).hasBinaryContent(bytes);
    assertThat(server.execute(id, "import os\nprint(os.path.getsize('big.bin'))").get("outputs").get(0).get("text")
        .asText()).isEqualTo(bytes.length + "\n");
    HttpResponse<byte[]> down = server.http().send(server.request("/api/conversations/" + id + "/files/big.bin")
        .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    assertThat(down.statusCode()).isEqualTo(200);
    assertThat(down.body()).isEqualTo(bytes);
  }

  @Test
  void filesTheCodeMakesOnTheGatewayAreAnnouncedListedDownloadedAndDeleted() throws Exception {
    String id = server.newConversation();
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      server.execute(id, "import os\nos.makedirs('sub')\nopen('sub/out.csv', 'w').write('a,b\\n1,2\\n')");
      var seen = events.until(e -> e.type().equals("file"), 60);
      JsonNode file = seen.get(seen.size() - 1).data();
      assertThat(file.get("change").asText()).isEqualTo("created");
      assertThat(file.get("file").get("name").asText()).isEqualTo("sub/out.csv");
    }
    assertThat(server.getJson("/api/conversations/" + id + "/files").get("files").findValuesAsText("name"))
        .containsExactly("sub/out.csv");
    HttpResponse<String> download = server.get("/api/conversations/" + id + "/files/sub/out.csv");
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo("a,b\n1,2\n");
    assertThat(server.delete("/api/conversations/" + id + "/files/sub/out.csv").statusCode()).isEqualTo(204);
    assertThat(server.get("/api/conversations/" + id + "/files/sub/out.csv").statusCode()).isEqualTo(404);
  }

  @Test
  void deletingTheConversationDeletesItsKernelOnTheGateway() {
    List<String> before = gateway.kernelIds();
    String id = server.newConversation();
    server.execute(id, "open('made.txt', 'w').write('x')");
    List<String> during = new java.util.ArrayList<>(gateway.kernelIds());
    during.removeAll(before);
    assertThat(during).hasSize(1);
    assertThat(jupyter.root().resolve("kernelchat").resolve(id).resolve("made.txt")).exists();
    assertThat(server.delete("/api/conversations/" + id).statusCode()).isEqualTo(204);
    assertThat(gateway.kernelIds()).doesNotContain(during.get(0));
    assertThat(jupyter.root().resolve("kernelchat").resolve(id)).doesNotExist();
  }

  @Test
  void anIdleKernelIsStoppedOnTheGatewayAndAStoppedServerLeavesNoKernelThere() throws Exception {
    List<String> before = gateway.kernelIds();
    try (RunningServer idle = start(home.resolve("idle"), JupyterServerOptions.of(jupyter.url(), jupyter.token()),
        Duration.ofSeconds(2), Duration.ofMinutes(1))) {
      String culled = idle.newConversation();
      idle.execute(culled, "x = 1");
      awaitKernels(before.size() + 1);
      awaitKernels(before.size());   // culled once idle for 2 s
      assertThat(idle.execute(culled, "print('x' in dir())").get("outputs").get(0).get("text").asText())
          .isEqualTo("False\n");
      awaitKernels(before.size());
      idle.execute(idle.newConversation(), "1");
    }
    assertThat(gateway.kernelIds()).containsExactlyInAnyOrderElementsOf(before);
  }

  private static void awaitKernels(int count) throws InterruptedException {
    for (long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); System.nanoTime() < deadline;
         Thread.sleep(100)) {
      if (gateway.kernelIds().size() == count) {
        return;
      }
    }
    assertThat(gateway.kernelIds()).hasSize(count);
  }

  @Test
  void aWrongTokenIsAClearUnavailableErrorNotAStackTrace() {
    try (RunningServer refused = start(home.resolve("refused"), JupyterServerOptions.of(jupyter.url(), "wrong"),
        Duration.ofHours(1), Duration.ofMinutes(1))) {
      assertUnavailable(refused, "refused the token");
    }
  }

  @Test
  void anUnreachableGatewayIsAClearUnavailableErrorNotAStackTrace() throws Exception {
    int closed;
    try (ServerSocket probe = new ServerSocket(0)) {
      closed = probe.getLocalPort();
    }
    try (RunningServer unreachable = start(home.resolve("unreachable"),
        JupyterServerOptions.of(URI.create("http://127.0.0.1:" + closed + "/"), "t"), Duration.ofHours(1),
        Duration.ofMinutes(1))) {
      assertUnavailable(unreachable, "cannot reach the Jupyter Server at http://127.0.0.1:" + closed
          + "/: the connection was refused");
    }
  }

  @Test
  void anHttpsGatewayIsReachedWhenItsCertificateIsTrustedAndRefusedWhenNot() throws Exception {
    try (TestJupyterServer tls = TestJupyterServer.startWithTls(TestJupyterServer.python().orElseThrow(),
        Files.createDirectories(home.resolve("tls")))) {
      JupyterServerOptions trusted = new JupyterServerOptions(tls.url(), tls.token(), Map.of(), null, null,
          tls.certificate());
      try (RunningServer reached = start(home.resolve("tls-trusted"), trusted, Duration.ofHours(1),
          Duration.ofMinutes(1))) {
        String id = reached.newConversation();   // the contents API over https
        assertThat(reached.execute(id, "6 * 7").get("outputs").get(0).get("data").get("text/plain").asText())
            .isEqualTo("42");   // the kernel's WebSocket over wss
      }
      try (RunningServer refused = start(home.resolve("tls-untrusted"),
          JupyterServerOptions.of(tls.url(), tls.token()), Duration.ofHours(1), Duration.ofMinutes(1))) {
        assertUnavailable(refused, "cannot reach the Jupyter Server at " + tls.url()
            + ": its TLS certificate is not signed by a trusted CA");
      }
    }
  }

  private static void assertUnavailable(RunningServer server, String because) {
    for (HttpResponse<String> refused : List.of(server.get("/api/kernelspecs"),
        server.post("/api/conversations", "{\"title\":\"t\"}"))) {
      JsonNode error = RunningServer.expect(refused, 503);
      assertThat(error.get("code").asText()).isEqualTo("unavailable:gateway");
      assertThat(error.get("message").asText()).contains(because).doesNotContain("Exception");
    }
    assertThat(server.getJson("/api/conversations").get("conversations")).isEmpty();
  }
}
