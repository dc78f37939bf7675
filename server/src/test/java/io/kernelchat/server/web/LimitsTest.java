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
  void pastTheKernelLimitANewKernelIsRefusedWithAClearError() {
    try (RunningServer small = RunningServer.start(home.resolve("small"), Map.of(), 1, Duration.ofMinutes(1), 1L << 20,
        1L << 20)) {
      String first = small.newConversation();
      String second = small.newConversation();
      small.execute(first, "1");
      JsonNode refused = RunningServer.expect(small.post("/api/conversations/" + second + "/execute",
          "{\"code\":\"1\"}"), 503);
      assertThat(refused.get("code").asText()).isEqualTo("unavailable:kernel_limit");
      assertThat(small.delete("/api/conversations/" + first).statusCode()).isEqualTo(204);
      assertThat(small.execute(second, "2").get("status").asText()).isEqualTo("ok");
    }
  }
}
