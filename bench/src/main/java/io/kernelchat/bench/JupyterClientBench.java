package io.kernelchat.bench;

import io.kernelchat.jupyter.ExecuteOptions;
import io.kernelchat.jupyter.ExecutionListener;
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
 * round trips, cold start, a 10 MB print flood, and interrupt latency.
 */
final class JupyterClientBench implements Benchmark {
  private static final String FLOOD = "for i in range(200_000):\n    print(f'{i:08d}' + 'x' * 43)";
  private static final long FLOOD_CHARS = 200_000L * 52;

  @Override
  public String title() {
    return "Jupyter client";
  }

  @Override
  public Report run(BenchOptions options) throws Exception {
    int n = options.quick() ? 100 : 1000;
    int warmup = options.quick() ? 20 : 100;
    int repeats = options.quick() ? 2 : 5;
    Path pythonDir = options.root().resolve("bench/python");
    KernelSpec spec = KernelSpecs.discover().python(Optional.of(options.python()));

    System.err.println("jupyter: raw pyzmq baseline");
    Map<String, Samples> raw = PythonBaseline.run(options.python(), pythonDir.resolve("raw_zmq_client.py"),
        List.of("--n", "" + n, "--warmup", "" + warmup, "--floods", "" + repeats));
    System.err.println("jupyter: jupyter_client baseline");
    Map<String, Samples> jc = PythonBaseline.run(options.python(),
        pythonDir.resolve("jupyter_client_baseline.py"),
        List.of("--n", "" + n, "--warmup", "" + warmup, "--starts", "" + repeats));

    System.err.println("jupyter: kernelchat");
    List<Double> starts = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      KernelManager[] started = new KernelManager[1];
      starts.add(Stopwatch.time(() -> started[0] = KernelManager.start(spec, KernelLaunchOptions.defaults())));
      started[0].shutdown();
    }
    Samples executes;
    Samples floods;
    Samples interrupts;
    try (KernelManager kernel = KernelManager.start(spec, KernelLaunchOptions.defaults())) {
      ExecutionListener quiet = new ExecutionListener() {};
      for (int i = 0; i < warmup; i++) {
        kernel.client().execute("1+1", ExecuteOptions.defaults(), quiet);
      }
      List<Double> times = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        times.add(Stopwatch.time(() -> kernel.client().execute("1+1", ExecuteOptions.defaults(), quiet)));
      }
      executes = Samples.of(times);
      floods = Samples.of(floods(kernel, repeats));
      interrupts = Samples.of(interrupts(kernel, repeats));
    }

    Report report = new Report(title(), "kernelchat (Java)");
    report.compare("`1+1` round trip vs raw pyzmq", executes, raw.get("execute_ms"), "raw pyzmq");
    report.compare("`1+1` round trip vs jupyter_client", executes, jc.get("execute_ms"), "jupyter_client");
    report.compare("cold start to ready", Samples.of(starts), jc.get("start_ms"), "jupyter_client");
    report.compare("10 MB printed, to last byte", floods, raw.get("flood_ms"), "raw pyzmq");
    report.alone("interrupt `while True: pass` to reply", interrupts);
    report.note(n + " round trips after " + warmup + " warm-up; " + repeats + " cold starts, floods and "
        + "interrupts. Ratio = kernelchat median / baseline median (lower is better; goal for the round trip "
        + "vs raw pyzmq: <= 1.0). All clients drive the same ipykernel (" + options.python() + ").");
    return report;
  }

  private static List<Double> floods(KernelManager kernel, int repeats) throws Exception {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
      long[] received = {0, 0};
      long start = System.nanoTime();
      kernel.client().execute(FLOOD, ExecuteOptions.defaults(), new ExecutionListener() {
        @Override
        public void onOutput(Output output) {
          if (output instanceof StreamOutput s) {
            received[0] += s.text().length();
            if (received[0] >= FLOOD_CHARS) {
              received[1] = System.nanoTime();
            }
          }
        }
      });
      if (received[0] != FLOOD_CHARS) {
        throw new IllegalStateException("flood received " + received[0] + " of " + FLOOD_CHARS + " chars");
      }
      times.add((received[1] - start) / 1e6);
    }
    return times;
  }

  private static List<Double> interrupts(KernelManager kernel, int repeats) throws Exception {
    List<Double> times = new ArrayList<>();
    for (int i = 0; i < repeats; i++) {
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
      times.add(Stopwatch.time(() -> {
        kernel.interrupt();
        running.get(30, TimeUnit.SECONDS);
      }));
    }
    return times;
  }
}
