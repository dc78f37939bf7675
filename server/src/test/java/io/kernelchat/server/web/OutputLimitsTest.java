package io.kernelchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.testing.RunningServer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputLimitsTest {
  static final long OUTPUT_LIMIT = 1L << 20;
  @TempDir static Path home;
  static RunningServer server;

  @BeforeAll
  static void start() {
    server = RunningServer.start(home, Map.of(), 4, Duration.ofMinutes(3), OUTPUT_LIMIT, 1L << 20);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void outputPastTheCapIsCutWithAMarkerAndTheFullTextGoesToAWorkspaceFile() throws Exception {
    String id = server.newConversation();
    JsonNode cell = server.execute(id, "for i in range(30000):\n    print(f'{i:08d}' + 'x' * 92)");
    JsonNode outputs = cell.get("outputs");
    long kept = 0;
    for (JsonNode o : outputs) {
      kept += o.path("text").asText().length();
    }
    assertThat(kept).isLessThanOrEqualTo(OUTPUT_LIMIT + 1000);
    String marker = outputs.get(outputs.size() - 1).get("text").asText();
    assertThat(marker).contains("output cut");
    String file = marker.substring(marker.indexOf("output-"), marker.indexOf(".txt") + 4);
    Path full = home.resolve("workspaces").resolve(id).resolve(file);
    assertThat(Files.size(full)).isEqualTo(30000L * 101);
    assertThat(Files.readAllLines(full).get(29999)).startsWith("00029999");
    JsonNode stored = server.getJson("/api/conversations/" + id).get("items").get(0);
    assertThat(stored.get("outputs").size()).isEqualTo(outputs.size());
  }

  @Test
  void theServersHeapStaysFlatWhileAKernelPrints100Megabytes() {
    String id = server.newConversation();
    server.execute(id, "chunk = 'y' * 999_999");
    long before = usedHeapAfterGc();
    JsonNode cell = server.execute(id, "for i in range(100):\n    print(chunk)");
    long after = usedHeapAfterGc();
    assertThat(cell.get("status").asText()).isEqualTo("ok");
    assertThat(after - before).isLessThan(40L << 20);
  }

  private static long usedHeapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
