package io.kernelchat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a person feels on a new chat: from creating a conversation to the answer of its first cell, through
 * the HTTP API, with the warm pool ({@code --kernel-pool 1}) against without it ({@code 0}), both servers
 * running at once and taking turns, so machine noise hits both alike. The pool is given time to refill before
 * each conversation on its server (a person does not open a chat every second); that refill time is a row of
 * its own, and so is the memory of one idle pool kernel (its whole sandbox, PSS).
 */
final class PoolBench implements Benchmark {
  private static final String ONE_PLUS_ONE = "1+1";
  private static final String FIRST_PLOT = String.join("\n", "import pandas as pd, matplotlib.pyplot as plt",
      "pd.DataFrame({'x': range(10), 'y': range(10)}).plot(x='x', y='y')", "plt.show()");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String title() {
    return "Kernel pool";
  }

  @Override
  public Report run(BenchOptions options) throws Exception {
    int rounds = options.quick() ? 3 : 12;
    Path homes = Files.createTempDirectory("pool-bench");
    try (ServerProcess pooled = ServerProcess.start(options, homes.resolve("pool"), "--kernel-pool", "1");
         ServerProcess cold = ServerProcess.start(options, homes.resolve("cold"), "--kernel-pool", "0")) {
      List<Double> pooledFirst = new ArrayList<>();
      List<Double> coldFirst = new ArrayList<>();
      List<Double> pooledPlot = new ArrayList<>();
      List<Double> coldPlot = new ArrayList<>();
      List<Double> refill = new ArrayList<>();
      awaitPool(pooled);
      ProcessTreeMemory idle = ProcessTreeMemory.of(pooled.pid());
      ProcessTreeMemory serverAlone = ProcessTreeMemory.of(cold.pid());
      for (int i = 0; i < rounds; i++) {
        pooledFirst.add(firstCell(pooled, ONE_PLUS_ONE));
        refill.add(awaitPool(pooled));
        coldFirst.add(firstCell(cold, ONE_PLUS_ONE));
        pooledPlot.add(firstCell(pooled, FIRST_PLOT));
        refill.add(awaitPool(pooled));
        coldPlot.add(firstCell(cold, FIRST_PLOT));
      }
      Report report = new Report(title(), "pool on", "first cell of a new conversation (ms)");
      report.compare("first `1+1`, from creating the conversation", Samples.of(pooledFirst), Samples.of(coldFirst),
          "pool off");
      report.compare("first pandas + matplotlib plot, from creating it", Samples.of(pooledPlot),
          Samples.of(coldPlot), "pool off");
      report.alone("pool refilled after a conversation took its kernel", Samples.of(refill));
      report.note(String.format(Locale.ROOT, "%d rounds, each a new conversation per row and server, deleted after"
          + " its cell. Memory of one idle pool kernel (the pooled server's process tree less the pool-off one's,"
          + " which has no kernel): PSS %.0f MiB, RSS %.0f MiB.", rounds,
          (idle.pssBytes() - serverAlone.pssBytes()) / 1048576.0, (idle.rssBytes() - serverAlone.rssBytes()) / 1048576.0));
      return report;
    }
  }

  /** Milliseconds from creating a conversation to the end of its first cell; the conversation is deleted after. */
  private static double firstCell(ServerProcess server, String code) throws Exception {
    long start = System.nanoTime();
    String id = server.json("POST", "/api/conversations", "{}").get("id").asText();
    JsonNode cell = server.json("POST", "/api/conversations/" + id + "/execute",
        JSON.writeValueAsString(Map.of("code", code)));
    double millis = (System.nanoTime() - start) / 1e6;
    if (!cell.get("status").asText().equals("ok")) {
      throw new IllegalStateException("the cell failed: " + cell);
    }
    server.json("DELETE", "/api/conversations/" + id, "");
    return millis;
  }

  /** Waits until the pool has a ready kernel; returns how long that took. */
  private static double awaitPool(ServerProcess server) throws Exception {
    long start = System.nanoTime();
    while (server.json("GET", "/api/kernels/pool", "").get("ready").asInt() < 1) {
      if (System.nanoTime() - start > 120_000_000_000L) {
        throw new IllegalStateException("the pool did not refill within 120 s");
      }
      Thread.sleep(10);
    }
    return (System.nanoTime() - start) / 1e6;
  }
}
