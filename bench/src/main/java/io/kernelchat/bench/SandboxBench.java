package io.kernelchat.bench;

import io.kernelchat.jupyter.DisplayData;
import io.kernelchat.jupyter.ExecuteOptions;
import io.kernelchat.jupyter.ExecutionListener;
import io.kernelchat.jupyter.ExecutionResult;
import io.kernelchat.jupyter.ExecutionStatus;
import io.kernelchat.jupyter.KernelManager;
import io.kernelchat.jupyter.KernelSpec;
import io.kernelchat.jupyter.KernelSpecs;
import io.kernelchat.jupyter.Output;
import io.kernelchat.server.kernels.KernelEnvironment;
import io.kernelchat.server.kernels.KernelPlacement;
import io.kernelchat.server.kernels.ProcessProvisioner;
import io.kernelchat.server.kernels.LocalProvisioner;
import io.kernelchat.server.kernels.Sandbox;
import io.kernelchat.server.kernels.SandboxMode;
import io.kernelchat.server.kernels.SandboxProvisioner;
import io.kernelchat.server.kernels.SandboxSettings;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the sandbox costs: the same Python kernel started by the server's {@link SandboxProvisioner}
 * (bubblewrap, its channels over Unix sockets) and by its {@link LocalProvisioner}, with the server's
 * environment. Start to ready, `1+1` on a warm kernel, a 10 MB print, the memory of the kernel's process tree,
 * and a fresh kernel's first import of the data stack with a plot. The two sides take turns, each turn in the
 * opposite order to the last, so that load from elsewhere on the machine falls on both alike.
 */
final class SandboxBench implements Benchmark {
  private static final String FLOOD = "print('x' * 10_000_000)";
  private static final long FLOOD_CHARS = 10_000_001;
  private static final String FIRST_PLOT = "import numpy, pandas, matplotlib.pyplot as plt\n"
      + "plt.plot(numpy.arange(10))\nplt.show()";
  private static final ExecutionListener QUIET = new ExecutionListener() {};
  private static final double MB = 1 << 20;

  @Override
  public String title() {
    return "Sandbox";
  }

  @Override
  public Report run(BenchOptions options) throws Exception {
    Sandbox sandbox = Sandbox.decide(SandboxMode.REQUIRED);
    if (!sandbox.on()) {
      throw new IllegalStateException("the Sandbox bench needs a working sandbox: " + sandbox.reason());
    }
    int freshPairs = options.quick() ? 3 : 15;
    int jitWarmup = options.quick() ? 200 : 1000;
    int kernelWarmup = options.quick() ? 20 : 100;
    int roundTripPairs = options.quick() ? 1 : 4;
    int roundTripsPerPair = options.quick() ? 300 : 500;
    int floodPairs = options.quick() ? 1 : 5;
    int floodsPerPair = options.quick() ? 3 : 8;
    Path work = Files.createTempDirectory(options.root().resolve("bench").toAbsolutePath(), "sandbox-bench");
    Path home = work.resolve("home");
    Path ipythonDir = home.resolve("ipython");
    // Every kernel gets the server's environment and IPython settings (history in memory), so both sides do the
    // same work per cell; the sandbox then sets its own HOME, TMPDIR and IPYTHONDIR, as it does in the server.
    Map<String, String> environment = KernelEnvironment.create(System.getenv(), ipythonDir);
    KernelSpec spec = KernelSpecs.discover().python(Optional.of(options.python()));
    Side confined = new Side(new SandboxProvisioner(SandboxSettings.defaults(), ipythonDir,
        home.resolve("sandbox"), List.of(home, Path.of(System.getProperty("user.home")))), spec, work, "sandboxed",
        environment);
    Side open = new Side(new LocalProvisioner(), spec, work, "unconfined", environment);
    List<Side> sides = List.of(confined, open);
    long[] openCost;
    long[] confinedCost;
    try {
      // First, while this JVM has started no kernel: the threads and direct buffers each kind of kernel adds
      // (the unconfined start first, so that it pays for the JVM's one-time ones). Then the JIT's warm-up.
      long[] before = threadsAndDirectBytes();
      KernelManager openKernel = answered(open.start());
      long[] between = threadsAndDirectBytes();
      try (openKernel; KernelManager confinedKernel = answered(confined.start())) {
        long[] after = threadsAndDirectBytes();
        openCost = new long[] {between[0] - before[0], between[1] - before[1]};
        confinedCost = new long[] {after[0] - between[0], after[1] - between[1]};
        for (int i = 0; i < jitWarmup; i++) {
          execute(openKernel, "1+1", QUIET);
          execute(confinedKernel, "1+1", QUIET);
        }
      }
      // Round trips and floods on kernels of their own: a kernel that has printed a flood is slower on every
      // later cell (docs/performance.md, sixth round).
      System.err.println("sandbox bench: round trips");
      inPairs(sides, roundTripPairs, kernelWarmup, roundTripsPerPair,
          kernel -> Stopwatch.time(() -> execute(kernel, "1+1", QUIET)), side -> side.roundTrips);
      System.err.println("sandbox bench: floods");
      inPairs(sides, floodPairs, 1, floodsPerPair, kernel -> JupyterClientBench.flood(kernel, FLOOD, FLOOD_CHARS),
          side -> side.floods);
      // Fresh kernels: start, one `1+1`, memory, the first plot, shutdown. The first pair is not kept: it fills
      // the page cache with the data stack.
      for (int turn = -1; turn < freshPairs; turn++) {
        System.err.printf("sandbox bench: fresh kernels, pair %d of %d%n", turn + 1, freshPairs);
        for (Side side : inTurn(sides, turn)) {
          side.fresh(turn >= 0);
        }
      }
    } finally {
      ServerBench.deleteTree(work);
    }

    Report report = new Report(title(), "sandboxed", "measure (ms; memory in MB)");
    report.compare("kernel start to ready", Samples.of(confined.starts), Samples.of(open.starts), "unconfined");
    report.alone("kernel start, sandboxed − unconfined (paired)", paired(confined.starts, open.starts));
    report.compare("`1+1` round trip, warm kernel", Samples.of(confined.roundTrips), Samples.of(open.roundTrips),
        "unconfined");
    report.compare("10 MB printed (`print('x' * 10_000_000)`), to last byte", Samples.of(confined.floods),
        Samples.of(open.floods), "unconfined");
    report.compare("fresh kernel: first `import numpy, pandas, matplotlib.pyplot` + a plot",
        Samples.of(confined.firstPlots), Samples.of(open.firstPlots), "unconfined");
    report.compare("kernel shutdown", Samples.of(confined.stops), Samples.of(open.stops), "unconfined");
    report.compare("idle memory: RSS of the kernel's process tree (MB)", Samples.of(confined.rss),
        Samples.of(open.rss), "unconfined");
    report.compare("idle memory: PSS of the kernel's process tree (MB)", Samples.of(confined.pss),
        Samples.of(open.pss), "unconfined");
    report.note(String.format(Locale.ROOT, "Ratio = sandboxed median / unconfined median. Goals: start at most "
        + "+100 ms (the paired row: each sandboxed start minus the unconfined start next to it), `1+1` and the "
        + "flood ratio <= 1.05. The same kernelspec (%s) started by the server's SandboxProvisioner (bubblewrap "
        + "with its default settings: no network, limits, pids and memory cgroups where they can be made; channels "
        + "over Unix sockets, spoken to without JeroMQ) and by its LocalProvisioner, both with the server's environment and IPython "
        + "settings. The two take turns, each turn in the opposite order to the last. %d fresh kernels each "
        + "(after one pair not counted): start, one `1+1`, memory, the first plot (inline backend, a PNG), "
        + "shutdown. Memory is summed over the launched process and its descendants (sandboxed: bubblewrap, its "
        + "init and the kernel, %d processes; unconfined: %d); PSS from /proc/<pid>/smaps_rollup. "
        + "%d `1+1` each (%d pairs of kernels, %d warm-ups on each kernel, after %d once for the JIT) and %d "
        + "floods each (%d pairs of kernels, one warm-up each), one each in turn, on kernels of their own. "
        + "Medians of the paired differences (each sample minus the other side's in the same turn): `1+1` "
        + "%+.3f ms, flood %+.1f ms. In this JVM a sandboxed kernel adds %d threads and %.1f MB of direct "
        + "buffers, an unconfined one %d threads and %.1f MB (counted as the first of each started). Load "
        + "average at the end %s.",
        options.python(), freshPairs, confined.processes, open.processes, confined.roundTrips.size(),
        roundTripPairs, kernelWarmup, jitWarmup, confined.floods.size(), floodPairs,
        paired(confined.roundTrips, open.roundTrips).median(), paired(confined.floods, open.floods).median(),
        confinedCost[0], confinedCost[1] / MB, openCost[0], openCost[1] / MB, PerformanceDoc.loadAverage()));
    return report;
  }

  /** A timing taken on a kernel. */
  private interface Timed {
    double on(KernelManager kernel) throws Exception;
  }

  /**
   * {@code turns} timings on each side, one each in turn, on each of {@code pairs} pairs of kernels, after
   * {@code warmup} untimed ones on each kernel. Several pairs, because two kernels started alike differ: on
   * this machine a 10 MB print took up to 30 ms longer on one of two sandboxed kernels than on the other.
   */
  private static void inPairs(List<Side> sides, int pairs, int warmup, int turns, Timed timed,
                              Function<Side, List<Double>> into) throws Exception {
    for (int pair = 0; pair < pairs; pair++) {
      KernelManager[] kernels = new KernelManager[2];
      int first = pair % 2;
      try (KernelManager a = sides.get(first).start(); KernelManager b = sides.get(1 - first).start()) {
        kernels[first] = a;
        kernels[1 - first] = b;
        for (int i = 0; i < warmup; i++) {
          timed.on(kernels[0]);
          timed.on(kernels[1]);
        }
        // One each in turn: the load from elsewhere on this machine changes within a second.
        for (int turn = 0; turn < turns; turn++) {
          for (int s : inTurn(List.of(0, 1), turn)) {
            into.apply(sides.get(s)).add(timed.on(kernels[s]));
          }
        }
      }
    }
  }

  /** Each sandboxed sample minus the unconfined one taken in the same turn. */
  private static Samples paired(List<Double> confined, List<Double> open) {
    List<Double> differences = new ArrayList<>();
    for (int i = 0; i < confined.size(); i++) {
      differences.add(confined.get(i) - open.get(i));
    }
    return Samples.of(differences);
  }

  /** The two in the order of {@code turn}: the first one first in even turns, the other first in odd ones. */
  private static <T> List<T> inTurn(List<T> two, int turn) {
    return Math.floorMod(turn, 2) == 0 ? two : List.of(two.get(1), two.get(0));
  }

  private static void execute(KernelManager kernel, String code, ExecutionListener listener) {
    ExecutionResult result = kernel.client().execute(code, ExecuteOptions.defaults(), listener);
    if (result.status() != ExecutionStatus.OK) {
      throw new IllegalStateException("`" + code + "` failed: " + result);
    }
  }

  /** One way of starting kernels and what was measured of it. */
  private static final class Side {
    private final ProcessProvisioner provisioner;
    private final KernelSpec spec;
    private final KernelPlacement placement;
    final List<Double> starts = new ArrayList<>();
    final List<Double> stops = new ArrayList<>();
    final List<Double> firstPlots = new ArrayList<>();
    final List<Double> rss = new ArrayList<>();
    final List<Double> pss = new ArrayList<>();
    final List<Double> roundTrips = new ArrayList<>();
    final List<Double> floods = new ArrayList<>();
    int processes;

    Side(ProcessProvisioner provisioner, KernelSpec spec, Path work, String name, Map<String, String> environment)
        throws java.io.IOException {
      this.provisioner = provisioner;
      this.spec = spec;
      Path workspace = Files.createDirectories(work.resolve("workspaces").resolve(name));
      Path logs = Files.createDirectories(work.resolve("logs"));
      this.placement = new KernelPlacement(workspace, logs.resolve(name + ".log"), environment, false);
    }

    KernelManager start() {
      return provisioner.start(spec, placement);
    }

    /** Starts a kernel, measures it with one `1+1` done, times its first plot and its shutdown. */
    void fresh(boolean keep) throws Exception {
      KernelManager[] kernel = new KernelManager[1];
      double start = Stopwatch.time(() -> kernel[0] = start());
      try {
        execute(kernel[0], "1+1", QUIET);
        ProcessTreeMemory memory = ProcessTreeMemory.of(kernel[0].pid());
        boolean[] plotted = {false};
        double firstPlot = Stopwatch.time(() -> execute(kernel[0], FIRST_PLOT, new ExecutionListener() {
          @Override
          public void onOutput(Output output) {
            plotted[0] |= output instanceof DisplayData d && d.data().containsKey("image/png");
          }
        }));
        if (!plotted[0]) {
          throw new IllegalStateException("the plot showed no PNG (is MPLBACKEND the inline backend?)");
        }
        double stop = Stopwatch.time(kernel[0]::shutdown);
        if (keep) {
          starts.add(start);
          stops.add(stop);
          firstPlots.add(firstPlot);
          rss.add(memory.rssBytes() / MB);
          pss.add(memory.pssBytes() / MB);
          processes = memory.processes();
        }
      } finally {
        kernel[0].shutdown();
      }
    }
  }

  /** The kernel, once it has answered a `1+1`: by then its client has connected every channel. */
  private static KernelManager answered(KernelManager kernel) {
    execute(kernel, "1+1", QUIET);
    return kernel;
  }

  /** The threads this JVM runs and the direct buffers it holds. */
  private static long[] threadsAndDirectBytes() {
    return new long[] {Thread.activeCount(), ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
        .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum()};
  }
}
