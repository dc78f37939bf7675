package io.kernelchat.bench;

import io.kernelchat.jupyter.ExecuteOptions;
import io.kernelchat.jupyter.ExecutionListener;
import io.kernelchat.jupyter.Kernel;
import io.kernelchat.jupyter.KernelLaunchOptions;
import io.kernelchat.jupyter.KernelManager;
import io.kernelchat.jupyter.KernelSpec;
import io.kernelchat.jupyter.KernelSpecs;
import io.kernelchat.jupyter.Output;
import io.kernelchat.jupyter.StreamOutput;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * This library against jupyter_client and a raw pyzmq client, all driving the same ipykernel: `1+1`
 * round trips, cold start, a 10 MB print flood, and interrupt latency. The clients take turns in rounds,
 * so that load from elsewhere on the machine falls on all of them alike.
 */
final class JupyterClientBench implements Benchmark {
  private static final String FLOOD = "for i in range(200_000):\n    print(f'{i:08d}' + 'x' * 43)";
  private static final long FLOOD_CHARS = 200_000L * 52;
  private static final ExecutionListener QUIET = new ExecutionListener() {};

  @Override
  public String title() {
    return "Jupyter client";
  }

  @Override
  public Report run(BenchOptions options) throws Exception {
    int rounds = options.quick() ? 2 : 5;
    int perRound = (options.quick() ? 100 : 1000) / rounds;
    int warmup = options.quick() ? 20 : 100;
    // Our client runs in a long-lived server, so it is timed with its JIT warm, as the server bench does; the
    // fresh-kernel baselines get `warmup` round trips on every round, and the JVM here stays warm across them.
    int jitWarmup = options.quick() ? 300 : 1000;
    Path raw = options.root().resolve("bench/python/raw_zmq_client.py");
    Path jupyterClient = options.root().resolve("bench/python/jupyter_client_baseline.py");
    KernelSpec spec = KernelSpecs.discover().python(Optional.of(options.python()));
    Timings ours = new Timings();
    Timings rawZmq = new Timings();
    Timings jc = new Timings();
    Timings rawJeromq = new Timings();

    try (KernelManager kernel = KernelManager.start(spec, KernelLaunchOptions.defaults())) {
      for (int i = 0; i < jitWarmup; i++) {
        kernel.client().execute("1+1", ExecuteOptions.defaults(), QUIET);
      }
      for (int round = 1; round <= rounds; round++) {
        System.err.printf("jupyter bench: round %d of %d%n", round, rounds);
        rawZmq.add(PythonBaseline.run(options.python(), raw,
            List.of("--n", "" + perRound, "--warmup", "" + warmup, "--floods", "1")));
        for (int i = 0; i < perRound; i++) {
          ours.executes.add(Stopwatch.time(() -> kernel.client().execute("1+1", ExecuteOptions.defaults(), QUIET)));
        }
        try (RawJeromqClient thin = new RawJeromqClient(options.python())) {
          for (int i = 0; i < warmup; i++) {
            thin.execute("1+1");
          }
          for (int i = 0; i < perRound; i++) {
            rawJeromq.executes.add(Stopwatch.time(() -> thin.execute("1+1")));
          }
        }
        ours.floods.add(flood(kernel, FLOOD, FLOOD_CHARS));
        ours.interrupts.add(interrupt(kernel));
        jc.add(PythonBaseline.run(options.python(), jupyterClient,
            List.of("--n", "" + perRound, "--warmup", "" + warmup, "--starts", "1")));
        KernelManager[] fresh = new KernelManager[1];
        ours.starts.add(Stopwatch.time(() -> fresh[0] = KernelManager.start(spec, KernelLaunchOptions.defaults())));
        fresh[0].shutdown();
      }
    }

    Report report = new Report(title(), "kernelchat (Java)");
    report.compare("`1+1` round trip vs raw pyzmq", Samples.of(ours.executes), Samples.of(rawZmq.executes), "raw pyzmq");
    report.compare("`1+1` round trip vs raw JeroMQ (Java, 1 thread)", Samples.of(ours.executes),
        Samples.of(rawJeromq.executes), "raw JeroMQ");
    report.compare("`1+1` round trip vs jupyter_client", Samples.of(ours.executes), Samples.of(jc.executes), "jupyter_client");
    report.compare("cold start to ready", Samples.of(ours.starts), Samples.of(jc.starts), "jupyter_client");
    report.compare("10 MB printed, to last byte", Samples.of(ours.floods), Samples.of(rawZmq.floods), "raw pyzmq");
    report.alone("interrupt `while True: pass` to reply", Samples.of(ours.interrupts));
    report.note(rounds * perRound + " round trips in " + rounds + " rounds that "
        + "alternate the clients, after " + jitWarmup + " warm-up round trips once for the JVM (as in a long-running "
        + "server) and " + warmup + " on each baseline's fresh kernel every round; one cold start, flood and "
        + "interrupt per round. Ratio = kernelchat median / "
        + "baseline median (lower is better; goal for the round trip vs raw pyzmq: <= 1.0). All clients drive "
        + "the same ipykernel (" + options.python() + "). Raw JeroMQ is a single-threaded Java client with our wire "
        + "code and no IO thread, on JeroMQ's poller (draining both sockets per wake): the gap from it to raw pyzmq "
        + "is JeroMQ's, from us to it our threading and the poller's own cost.");
    return report;
  }

  /** Milliseconds to the last byte of {@code code}'s output, which must be {@code chars} long. */
  static double flood(Kernel kernel, String code, long chars) {
    long[] received = {0, 0};
    long start = System.nanoTime();
    kernel.client().execute(code, ExecuteOptions.defaults(), new ExecutionListener() {
      @Override
      public void onOutput(Output output) {
        if (output instanceof StreamOutput s) {
          received[0] += s.text().length();
          if (received[0] >= chars) {
            received[1] = System.nanoTime();
          }
        }
      }
    });
    if (received[0] != chars) {
      throw new IllegalStateException("flood received " + received[0] + " of " + chars + " chars");
    }
    return (received[1] - start) / 1e6;
  }

  /** Milliseconds from interrupt() to the end of an interrupted busy loop. */
  private static double interrupt(KernelManager kernel) throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    CompletableFuture<?> running = CompletableFuture.runAsync(() -> kernel.client().execute(
        "print('started', flush=True)\nwhile True: pass", ExecuteOptions.defaults(), new ExecutionListener() {
          @Override
          public void onOutput(Output output) {
            started.countDown();
          }
        }));
    if (!started.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the loop never started");
    }
    Thread.sleep(100);
    return Stopwatch.time(() -> {
      kernel.interrupt();
      running.get(30, TimeUnit.SECONDS);
    });
  }

  /** One client's timings, gathered over the rounds. */
  private static final class Timings {
    final List<Double> executes = new ArrayList<>();
    final List<Double> starts = new ArrayList<>();
    final List<Double> floods = new ArrayList<>();
    final List<Double> interrupts = new ArrayList<>();

    void add(Map<String, List<Double>> fromPython) {
      executes.addAll(fromPython.getOrDefault("execute_ms", List.of()));
      starts.addAll(fromPython.getOrDefault("start_ms", List.of()));
      floods.addAll(fromPython.getOrDefault("flood_ms", List.of()));
    }
  }
}
