package io.kernelchat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kernelchat.jupyter.ExecuteOptions;
import io.kernelchat.jupyter.ExecutionListener;
import io.kernelchat.jupyter.KernelLaunchOptions;
import io.kernelchat.jupyter.KernelManager;
import io.kernelchat.jupyter.KernelSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The server as a user meets it: the real jar in its own JVM, driven over HTTP. `1+1` through
 * {@code POST …/execute} against the Java client alone and raw pyzmq; 10 MB of output through the event
 * stream against the same flood taken straight from the kernel; a 1 GB upload and download against
 * {@code cp} on the same disk, with the server's peak heap; start time and idle memory.
 */
final class ServerBench implements Benchmark {
  private static final String FLOOD = "for i in range(200_000):\n    print(f'{i:08d}' + 'x' * 43)";
  private static final long FLOOD_CHARS = 200_000L * 52;
  /** A flood varies more from run to run than a round trip: five per round and client, 25 in all. */
  private static final int FLOODS_PER_ROUND = 5;
  /** C2 compiles the round trip's path over its first ~5,000 requests (they are called once per request). */
  private static final int ROUND_TRIP_WARMUP = 5000;
  private static final int FLOOD_WARMUP = 40;
  private static final ExecutionListener QUIET = new ExecutionListener() {};
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String title() {
    return "Server";
  }

  @Override
  public Report run(BenchOptions options) throws Exception {
    int rounds = options.quick() ? 2 : 5;
    int perRound = options.quick() ? 50 : 200;
    long transferBytes = options.quick() ? 64L << 20 : 1L << 30;
    int warmup = options.quick() ? 100 : ROUND_TRIP_WARMUP;
    Path work = Files.createTempDirectory(options.root().resolve("bench").toAbsolutePath(), "server-bench");
    List<Double> viaHttp = new ArrayList<>();
    List<Double> direct = new ArrayList<>();
    List<Double> raw = new ArrayList<>();
    List<Double> sseFloods = new ArrayList<>();
    List<Double> directFloods = new ArrayList<>();
    List<Double> rawFloods = new ArrayList<>();
    List<Double> coldRoundTrips = new ArrayList<>();
    List<Double> coldFloods = new ArrayList<>();
    List<Double> starts = new ArrayList<>();
    long idleRss;
    Transfers transfers;
    // Every kernel runs with the server's IPython settings (history in memory), so all do the same work per cell.
    Map<String, String> ipython = Map.of("IPYTHONDIR", work.resolve("home").resolve("ipython").toString());
    // A kernel that has printed a flood runs every later cell ~0.4 ms slower (ipykernel 6.17; raw pyzmq alone
    // shows it), and raw pyzmq times `1+1` on a kernel that has not flooded yet. So round trips and floods get
    // kernels of their own on every side: a conversation each in the server, a kernel each for the Java client.
    try (ServerProcess server = ServerProcess.start(options, work.resolve("home"));
         KernelManager kernel = startKernel(options, ipython);
         KernelManager floodKernel = startKernel(options, ipython);
         KeepAliveHttp http = server.keepAlive()) {
      starts.add(server.startMillis());
      idleRss = server.rssBytes();
      String id = server.json("POST", "/api/conversations", "{}").get("id").asText();
      String floods = server.json("POST", "/api/conversations", "{}").get("id").asText();
      // Both JVMs get the same JIT warm-up; the server's first round trips are kept to report a fresh server too.
      int floodWarmup = options.quick() ? 5 : FLOOD_WARMUP;
      for (int i = 0; i < warmup; i++) {
        double millis = Stopwatch.time(() -> execute(http, id, "1+1"));
        if (i < perRound * rounds) {
          coldRoundTrips.add(millis);
        }
        kernel.client().execute("1+1", ExecuteOptions.defaults(), QUIET);
      }
      // The JIT compiles the event path fully only after a few thousand events; a long-running server has.
      // Both JVMs get the same floods; the server's are kept to report a fresh server's rate too.
      for (int i = 0; i < floodWarmup; i++) {
        coldFloods.add(new SseFlood(server, floods, FLOOD, FLOOD_CHARS).run());
        execute(http, id, "1+1");   // keeps the round trips' connection from timing out idle
        floodKernel.client().execute(FLOOD, ExecuteOptions.defaults(), QUIET);
      }
      for (int round = 1; round <= rounds; round++) {
        System.err.printf("server bench: round %d of %d%n", round, rounds);
        for (int i = 0; i < perRound; i++) {
          viaHttp.add(Stopwatch.time(() -> execute(http, id, "1+1")));
        }
        for (int i = 0; i < perRound; i++) {
          direct.add(Stopwatch.time(() -> kernel.client().execute("1+1", ExecuteOptions.defaults(), QUIET)));
        }
        Map<String, List<Double>> py = PythonBaseline.run(options.python(),
            options.root().resolve("bench/python/raw_zmq_client.py"),
            List.of("--n", "" + perRound, "--warmup", "20", "--floods", "" + FLOODS_PER_ROUND), ipython);
        raw.addAll(py.get("execute_ms"));
        rawFloods.addAll(py.get("flood_ms"));
        for (int i = 0; i < FLOODS_PER_ROUND; i++) {
          sseFloods.add(new SseFlood(server, floods, FLOOD, FLOOD_CHARS).run());
          directFloods.add(Stopwatch.time(() -> floodKernel.client().execute(FLOOD, ExecuteOptions.defaults(), QUIET)));
        }
      }
      transfers = new Transfers(server, floods, work, transferBytes).run();
    }
    try (ServerProcess again = ServerProcess.start(options, work.resolve("home2"))) {
      starts.add(again.startMillis());
    }
    deleteTree(work);

    Report report = new Report(title(), "kernelchat server");
    report.compare("`1+1` via POST …/execute vs raw pyzmq", Samples.of(viaHttp), Samples.of(raw), "raw pyzmq");
    report.compare("`1+1` via POST …/execute vs the Java client", Samples.of(viaHttp), Samples.of(direct), "Java client");
    report.compare("`1+1`, a fresh server's first " + coldRoundTrips.size() + " round trips", Samples.of(coldRoundTrips),
        Samples.of(raw), "raw pyzmq");
    report.compare("10 MB printed, to last byte over SSE", Samples.of(sseFloods), Samples.of(rawFloods), "raw pyzmq");
    report.compare("10 MB printed, SSE vs the Java client", Samples.of(sseFloods), Samples.of(directFloods), "Java client");
    report.compare("10 MB over SSE, a fresh server's first " + coldFloods.size() + " floods", Samples.of(coldFloods),
        Samples.of(rawFloods), "raw pyzmq");
    String size = transferBytes >= 1L << 30 ? (transferBytes >> 30) + " GB" : (transferBytes >> 20) + " MB";
    report.compare(size + " upload (multipart)", Samples.of(List.of(transfers.uploadMs)),
        Samples.of(List.of(transfers.cpBeforeUploadMs)), "cp");
    report.compare(size + " download", Samples.of(List.of(transfers.downloadMs)),
        Samples.of(List.of(transfers.cpBeforeDownloadMs)), "cp");
    report.alone("start to URL printed (java -jar)", Samples.of(starts));
    report.note(String.format(Locale.ROOT, "Ratio = kernelchat median / baseline median (lower is better). Goals: "
        + "`1+1` <= 1.2x raw pyzmq; the SSE flood at least 0.9x the kernel's rate (ratio <= 1.11); upload and "
        + "download at least 0.5x cp (ratio <= 2.0). %d rounds of %d round trips and %d floods each way. The server runs as "
        + "`java -Xmx256m -jar server/target/kernelchat.jar` with --output-limit 64m so the flood is not cut; both "
        + "JVMs run the same warm-up first: %d `1+1`, then floods (the JIT compiles the round trip's path fully only "
        + "after a few thousand requests, and the event path after a few thousand events, as a long-running server "
        + "has; the first round trips and floods are the fresh server's rows). All kernels "
        + "run with the server's IPython settings (input history in memory); round trips and floods run on kernels "
        + "of their own on every side (a kernel that has printed a flood is slower on every later cell). "
        + "Idle RSS after start (no kernel): %.0f MB. Peak heap used during the %s transfers: %.0f MB "
        + "(sampled with jstat every 200 ms); peak RSS: %.0f MB. Round trips use a minimal keep-alive HTTP client; "
        + "transfers use curl; each is compared with a cp made just before it, so both meet the same disk state "
        + "(the download writes its copy while the upload's gigabyte may still be flushing).", rounds, perRound, FLOODS_PER_ROUND, warmup, idleRss / 1048576.0, size,
        transfers.peakHeapBytes / 1048576.0, transfers.peakRssBytes / 1048576.0));
    return report;
  }

  private static KernelManager startKernel(BenchOptions options, Map<String, String> environment) {
    return KernelManager.start(KernelSpecs.discover().python(Optional.of(options.python())),
        KernelLaunchOptions.builder().environment(environment).build());
  }

  private static void execute(KeepAliveHttp http, String id, String code) throws Exception {
    JsonNode cell = JSON.readTree(http.post("/api/conversations/" + id + "/execute",
        JSON.writeValueAsString(Map.of("code", code))));
    if (!"ok".equals(cell.path("status").asText())) {
      throw new IllegalStateException("the cell failed: " + cell);
    }
  }

  static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Upload and download timings against cp. */
  static final class Transfers {
    private final ServerProcess server;
    private final String id;
    private final Path work;
    private final long bytes;
    double cpBeforeUploadMs;
    double cpBeforeDownloadMs;
    double uploadMs;
    double downloadMs;
    long peakHeapBytes;
    long peakRssBytes;

    Transfers(ServerProcess server, String id, Path work, long bytes) {
      this.server = server;
      this.id = id;
      this.work = work;
      this.bytes = bytes;
    }

    Transfers run() throws Exception {
      Path source = work.resolve("big.bin");
      writeRandomish(source, bytes);
      try (HeapSampler heap = new HeapSampler(server.pid())) {
        String files = "/api/conversations/" + id + "/files";
        cpBeforeUploadMs = cp(source);
        uploadMs = Stopwatch.time(() -> server.curl("201", "-o", "/dev/null", "-F", "file=@" + source,
            server.url(files)));
        Path downloaded = work.resolve("downloaded.bin");
        cpBeforeDownloadMs = cp(source);
        downloadMs = Stopwatch.time(() -> server.curl("200", "-o", downloaded.toString(), server.url(files + "/big.bin")));
        if (Files.size(downloaded) != bytes) {
          throw new IOException("the download has " + Files.size(downloaded) + " of " + bytes + " bytes");
        }
        Files.delete(downloaded);
        peakHeapBytes = heap.peak();
      }
      peakRssBytes = server.peakRssBytes();
      Files.delete(source);
      return this;
    }

    /** Milliseconds to copy {@code source} on the same disk (the copy is deleted again). */
    private double cp(Path source) throws Exception {
      Path copy = work.resolve("copy.bin");
      double millis = Stopwatch.time(() -> {
        Process cp = new ProcessBuilder("cp", source.toString(), copy.toString()).inheritIO().start();
        if (cp.waitFor() != 0) {
          throw new IOException("cp failed");
        }
      });
      Files.delete(copy);
      return millis;
    }

    private static void writeRandomish(Path file, long bytes) throws IOException {
      byte[] block = new byte[1 << 20];
      new java.util.Random(42).nextBytes(block);
      try (var out = Files.newOutputStream(file)) {
        for (long written = 0; written < bytes; written += block.length) {
          out.write(block, 0, (int) Math.min(block.length, bytes - written));
        }
      }
    }
  }
}
