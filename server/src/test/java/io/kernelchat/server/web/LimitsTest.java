package io.kernelchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.ServerOptions;
import io.kernelchat.server.testing.EventRecorder;
import io.kernelchat.server.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitsTest {
  @TempDir static Path home;
  static RunningServer server;

  @BeforeAll
  static void start() {
    server = RunningServer.start(home, Map.of(), 4, Duration.ofSeconds(3), 1L << 20, 1L << 20);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aCellPastTheTimeLimitIsInterruptedAndTheKernelKeepsItsState() {
    String id = server.newConversation();
    server.execute(id, "kept = 'yes'");
    JsonNode cell = server.execute(id, "import time\ntime.sleep(60)");
    assertThat(cell.get("status").asText()).isEqualTo("timeout");
    assertThat(cell.get("durationMs").asLong()).isLessThan(30_000);
    assertThat(server.execute(id, "print(kept)").get("outputs").get(0).get("text").asText()).isEqualTo("yes\n");
  }

  @Test
  void aCellThatIgnoresTheInterruptIsStoppedByRestartingTheKernel() {
    String id = server.newConversation();
    server.execute(id, "lost = 1");
    JsonNode cell = server.execute(id, "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
        + "while True:\n    time.sleep(0.1)");
    assertThat(cell.get("status").asText()).isEqualTo("timeout");
    JsonNode after = server.execute(id, "print('lost' in dir())");
    assertThat(after.get("outputs").get(0).get("text").asText()).isEqualTo("False\n");
    JsonNode items = server.getJson("/api/conversations/" + id).get("items");
    assertThat(items.findValuesAsText("role")).contains("notice");
  }

  @Test
  void aKernelThatDiesIsRestartedAndTheConversationIsTold() throws Exception {
    String id = server.newConversation();
    server.execute(id, "gone = 1\nopen('kept.txt', 'w').write('still here')");
    try (EventRecorder events = EventRecorder.open(server, id, null)) {
      JsonNode cell = server.execute(id, "import os\nos._exit(1)");
      assertThat(cell.get("status").asText()).isEqualTo("error");
      events.until(e -> e.type().equals("message") && e.data().get("role").asText().equals("notice"), 90);
    }
    // At once, without waiting for the restart: the cell waits for the fresh kernel instead of meeting the dead one.
    JsonNode after = server.execute(id, "print('gone' in dir(), open('kept.txt').read())");
    assertThat(after.get("outputs").get(0).get("text").asText()).isEqualTo("False still here\n");
  }

  @Test
  void anIdleKernelIsStoppedAndStartsAgainOnDemandWithItsFilesKept() throws Exception {
    ServerOptions options = new ServerOptions("127.0.0.1", 0, home.resolve("idle"), RunningServer.TOKEN, false, List.of(),
        RunningServer.python(), 2, Duration.ofSeconds(2), Duration.ofMinutes(1), 1L << 20, 1L << 20,
        Map.of("KERNELCHAT_PROBE_LOCAL", "false"));
    try (RunningServer idle = RunningServer.start(options, System.getenv())) {
      String id = idle.newConversation();
      idle.execute(id, "x = 1\nopen('f.txt', 'w').write('kept')");
      try (EventRecorder events = EventRecorder.open(idle, id, null)) {
        events.until(e -> e.type().equals("kernel") && e.data().get("status").asText().equals("stopped"), 90);
      }
      JsonNode after = idle.execute(id, "print('x' in dir(), open('f.txt').read())");
      assertThat(after.get("outputs").get(0).get("text").asText()).isEqualTo("False kept\n");
    }
  }

  @Test
  void pastTheKernelLimitTheLeastRecentlyUsedIdleKernelMakesWayAndStartsAgainWhenNeeded() {
    try (RunningServer small = RunningServer.start(home.resolve("evict"), Map.of(), 2, Duration.ofMinutes(1), 1L << 20,
        1L << 20)) {
      String a = small.newConversation();
      String b = small.newConversation();
      String c = small.newConversation();
      small.execute(a, "x = 'a'\nopen('a.txt', 'w').write('kept')");
      small.execute(b, "x = 'b'");
      small.execute(c, "x = 'c'");   // two slots: a, used least recently, makes way

      JsonNode transcript = small.getJson("/api/conversations/" + a);
      assertThat(transcript.get("kernel").get("status").asText()).isEqualTo("stopped");
      assertThat(transcript.get("kernel").get("reason").asText()).isEqualTo("evicted");
      assertThat(transcript.get("items").findValuesAsText("text")).anyMatch(t -> t.contains("make room"));
      assertThat(small.getJson("/api/conversations/" + b).get("kernel").get("status").asText()).isEqualTo("idle");

      JsonNode again = small.execute(a, "print('x' in dir(), open('a.txt').read())");
      assertThat(again.get("outputs").get(0).get("text").asText()).isEqualTo("False kept\n");
      assertThat(small.getJson("/api/conversations/" + b).get("kernel").get("status").asText()).isEqualTo("stopped");
    }
  }

  @Test
  void whenEveryKernelIsBusyANewOneIsRefusedWithAClearError() throws Exception {
    try (RunningServer small = RunningServer.start(home.resolve("busy"), Map.of(), 1, Duration.ofMinutes(1), 1L << 20,
        1L << 20)) {
      String first = small.newConversation();
      String second = small.newConversation();
      small.execute(first, "1");
      CompletableFuture<JsonNode> busy = CompletableFuture.supplyAsync(() -> small.execute(first,
          "import time\ntime.sleep(4)"));
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (!small.getJson("/api/conversations/" + first).get("kernel").get("status").asText().equals("busy")
          && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      JsonNode refused = RunningServer.expect(small.post("/api/conversations/" + second + "/execute",
          "{\"code\":\"1\"}"), 503);
      assertThat(refused.get("code").asText()).isEqualTo("unavailable:kernel_limit");
      assertThat(refused.get("message").asText()).contains("busy");
      busy.get(30, TimeUnit.SECONDS);
      assertThat(small.execute(second, "2").get("status").asText()).isEqualTo("ok");
    }
  }
}
