package io.kernelchat.bench;

import io.kernelchat.jupyter.ExecuteOptions;
import io.kernelchat.jupyter.ExecutionListener;
import io.kernelchat.jupyter.ExecutionStatus;
import io.kernelchat.jupyter.JupyterServer;
import io.kernelchat.jupyter.JupyterServerOptions;
import io.kernelchat.jupyter.Kernel;
import io.kernelchat.jupyter.KernelLaunchOptions;
import io.kernelchat.jupyter.KernelManager;
import io.kernelchat.jupyter.KernelSpecs;
import io.kernelchat.jupyter.RemoteKernel;
import io.kernelchat.jupyter.testing.TestJupyterServer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Kernels on a Jupyter Server against kernels of this machine, through the same client API: `1+1` and a 10 MB
 * print, the remote kernel over the server's kernel WebSocket, the local one over ZeroMQ. Both run the Jupyter
 * Server's own Python, one each in turn. The server is started as docs/scale-out.md says (IOPub rate limits off,
 * Nagle off on kernel WebSockets).
 */
final class GatewayBench implements Benchmark {
  private static final String FLOOD = "print('x' * 10_000_000)";
  private static final long FLOOD_CHARS = 10_000_001;

  @Override
  public String title() {
    return "Gateway";
  }

  @Override
  public Report run(BenchOptions options) throws Exception {
    Path python = TestJupyterServer.python().orElseThrow(() -> new IllegalStateException(
        "no Python with jupyter_server: run scripts/provision-jupyter-server"));
    int warmup = options.quick() ? 100 : 1000;
    int roundTrips = options.quick() ? 200 : 1000;
    int floods = options.quick() ? 5 : 20;
    List<Double> remoteTrips = new ArrayList<>();
    List<Double> localTrips = new ArrayList<>();
    List<Double> remoteFloods = new ArrayList<>();
    List<Double> localFloods = new ArrayList<>();
    try (TestJupyterServer server = TestJupyterServer.start(python);
         RemoteKernel remote = RemoteKernel.start(new JupyterServer(JupyterServerOptions.of(server.url(),
             server.token())), "python3", "", Duration.ofMinutes(1));
         KernelManager local = KernelManager.start(KernelSpecs.discover().python(Optional.of(python)),
             KernelLaunchOptions.builder().build())) {
      List<Kernel> both = List.of(remote, local);
      for (int i = 0; i < warmup; i++) {
        both.forEach(GatewayBench::onePlusOne);
      }
      for (int i = 0; i < roundTrips; i++) {
        // One each in turn, the first one first in even turns: the load from elsewhere changes within a second.
        for (int s : i % 2 == 0 ? List.of(0, 1) : List.of(1, 0)) {
          Kernel kernel = both.get(s);
          (s == 0 ? remoteTrips : localTrips).add(Stopwatch.time(() -> onePlusOne(kernel)));
        }
      }
      JupyterClientBench.flood(remote, FLOOD, FLOOD_CHARS);
      JupyterClientBench.flood(local, FLOOD, FLOOD_CHARS);
      for (int i = 0; i < floods; i++) {
        for (int s : i % 2 == 0 ? List.of(0, 1) : List.of(1, 0)) {
          (s == 0 ? remoteFloods : localFloods).add(JupyterClientBench.flood(both.get(s), FLOOD, FLOOD_CHARS));
        }
      }
    }
    Report report = new Report(title(), "on a Jupyter Server");
    report.compare("`1+1` round trip", Samples.of(remoteTrips), Samples.of(localTrips), "local kernel");
    report.compare("10 MB printed (`print('x' * 10_000_000)`), to last byte", Samples.of(remoteFloods),
        Samples.of(localFloods), "local kernel");
    report.note(String.format(Locale.ROOT, "Ratio = Jupyter Server median / local median. The same ipykernel (%s) "
        + "on both sides: the server's kernelspec python3 started by a Jupyter Server on 127.0.0.1 (token, "
        + "IOPub rate limits off, Nagle off on kernel WebSockets: as docs/scale-out.md says), reached over its kernel WebSocket by RemoteKernel; "
        + "and a KernelManager's local kernel over ZeroMQ. %d `1+1` each and %d floods each, one each in turn, "
        + "after %d `1+1` on each for the JIT and one flood each. Load average at the end %s.", python,
        roundTrips, floods, warmup, PerformanceDoc.loadAverage()));
    return report;
  }

  private static void onePlusOne(Kernel kernel) {
    if (kernel.client().execute("1+1", ExecuteOptions.defaults(), new ExecutionListener() {}).status()
        != ExecutionStatus.OK) {
      throw new IllegalStateException("`1+1` failed");
    }
  }
}
