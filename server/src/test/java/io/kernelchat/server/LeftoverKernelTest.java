package io.kernelchat.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.jupyter.JupyterServer;
import io.kernelchat.jupyter.JupyterServerOptions;
import io.kernelchat.jupyter.testing.TestJupyterServer;
import io.kernelchat.server.conversation.ApiJson;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the server as its own JVM, so it can be killed with -9 like a crashed one. */
class LeftoverKernelTest {
  static final String TOKEN = "leftover-test-token";
  @TempDir Path home;
  final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aSandboxedKernelAndItsChildrenEndWithAServerKilledWithSignal9() throws Exception {
    Process server = startServer("--sandbox", "required");
    String marker = "1000." + (100 + (int) (Math.random() * 800));
    try {
      int port = portOf(server);
      String id = call(port, "POST", "/api/conversations", "{}").get("id").asText();
      call(port, "POST", "/api/conversations/" + id + "/execute", "{\"code\":\"import subprocess; "
          + "subprocess.Popen(['sleep', '" + marker + "'], start_new_session=True)\"}");
      assertThat(processesRunning("sleep " + marker)).isNotEmpty();
    } finally {
      server.destroyForcibly();   // SIGKILL: no shutdown hook runs
      server.waitFor(30, TimeUnit.SECONDS);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!processesRunning("sleep " + marker).isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(processesRunning("sleep " + marker)).as("the sandbox dies with its server").isEmpty();
  }

  private static List<Long> processesRunning(String commandLine) {
    try (var all = ProcessHandle.allProcesses()) {
      return all.filter(p -> p.info().commandLine().orElse("").contains(commandLine)).map(ProcessHandle::pid).toList();
    }
  }

  /** Unconfined kernels outlive a killed server (nothing ties them to it); the next server kills them. */
  @Test
  void anUnconfinedKernelLeftByAServerKilledWithSignal9IsKilledAtTheNextStartAndANormalShutdownLeavesNone()
      throws Exception {
    Process first = startServer("--sandbox", "off");
    long kernelPid;
    try {
      int port = portOf(first);
      String id = call(port, "POST", "/api/conversations", "{}").get("id").asText();
      JsonNode cell = call(port, "POST", "/api/conversations/" + id + "/execute", "{\"code\":\"import os; print(os.getpid())\"}");
      kernelPid = Long.parseLong(cell.get("outputs").get(0).get("text").asText().trim());
      assertThat(ProcessHandle.of(kernelPid)).isPresent();
    } finally {
      first.destroyForcibly();   // SIGKILL: no shutdown hook runs
      first.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(ProcessHandle.of(kernelPid).map(ProcessHandle::isAlive)).contains(true);

    Process second = startServer("--sandbox", "off");
    long secondKernelPid;
    try {
      int port = portOf(second);
      waitUntilGone(kernelPid);
      assertThat(ProcessHandle.of(kernelPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
      String id = call(port, "POST", "/api/conversations", "{}").get("id").asText();
      secondKernelPid = Long.parseLong(call(port, "POST", "/api/conversations/" + id + "/execute",
          "{\"code\":\"import os; print(os.getpid())\"}").get("outputs").get(0).get("text").asText().trim());
    } finally {
      second.destroy();   // SIGTERM: the shutdown hook stops kernels
      second.waitFor(30, TimeUnit.SECONDS);
    }
    waitUntilGone(secondKernelPid);
    assertThat(ProcessHandle.of(secondKernelPid).map(ProcessHandle::isAlive).orElse(false))
        .as("a kernel left after a normal shutdown").isFalse();
  }

  @Test
  void aKernelLeftOnAGatewayByAServerKilledWithSignal9IsDeletedThereAtTheNextStart() throws Exception {
    Optional<Path> python = TestJupyterServer.python();
    assumeTrue(python.isPresent(), "no Python with jupyter_server: run scripts/provision-jupyter-server");
    try (TestJupyterServer jupyter = TestJupyterServer.start(python.get())) {
      JupyterServer gateway = new JupyterServer(JupyterServerOptions.of(jupyter.url(), jupyter.token()));
      String[] options = {"--gateway-url", jupyter.url().toString(), "--gateway-token", jupyter.token()};
      Process first = startServer(options);
      try {
        int port = portOf(first);
        String id = call(port, "POST", "/api/conversations", "{}").get("id").asText();
        call(port, "POST", "/api/conversations/" + id + "/execute", "{\"code\":\"1\"}");
      } finally {
        first.destroyForcibly();   // SIGKILL: no shutdown hook runs
        first.waitFor(30, TimeUnit.SECONDS);
      }
      assertThat(gateway.kernelIds()).as("left on the gateway").hasSize(1);

      Process second = startServer(options);
      try {
        portOf(second);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!gateway.kernelIds().isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(100);
        }
        assertThat(gateway.kernelIds()).as("deleted by the next start").isEmpty();
      } finally {
        second.destroy();
        second.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private static void waitUntilGone(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
  }

  private Process startServer(String... options) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "--home", home.toString(), "--port", "0",
        "--no-browser", "--token", TOKEN));
    command.addAll(List.of(options));
    String python = System.getenv("KERNELCHAT_PYTHON");
    if (python != null && !python.isBlank()) {
      command.addAll(List.of("--python", python));
    }
    return new ProcessBuilder(command).directory(home.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static int portOf(Process server) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    Pattern url = Pattern.compile("running at http://127\\.0\\.0\\.1:(\\d+)/\\?token=" + TOKEN);
    String line;
    while ((line = out.readLine()) != null) {
      Matcher m = url.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    throw new AssertionError("the server exited without printing its URL");
  }

  private JsonNode call(int port, String method, String path, String body) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + TOKEN)
        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isBetween(200, 299);
    return ApiJson.read(r.body());
  }
}
