package io.kernelchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.testing.RunningServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentConversationsTest {
  @TempDir Path home;

  @Test
  void tenConversationsRunAtOnceEachInItsOwnKernel() {
    ExecutorService pool = Executors.newFixedThreadPool(10);
    try (RunningServer server = RunningServer.start(home, Map.of(), 10, Duration.ofMinutes(3), 1L << 20, 1L << 20)) {
      List<CompletableFuture<String>> results = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        int n = i;
        results.add(CompletableFuture.supplyAsync(() -> {
          String id = server.newConversation();
          server.execute(id, "n = " + n);
          // The kernel's session id: unique per kernel process (a sandboxed kernel's pid is 2 in every sandbox).
          JsonNode cell = server.execute(id, "import time\ntime.sleep(0.5)\nprint(n, get_ipython().kernel.session.session)");
          return cell.get("outputs").get(0).get("text").asText().trim();
        }, pool));
      }
      List<String> outputs = results.stream().map(CompletableFuture::join).toList();
      for (int i = 0; i < 10; i++) {
        assertThat(outputs.get(i)).startsWith(i + " ");
      }
      assertThat(outputs.stream().map(o -> o.split(" ")[1]).distinct()).hasSize(10);
    } finally {
      pool.shutdownNow();
    }
  }
}
