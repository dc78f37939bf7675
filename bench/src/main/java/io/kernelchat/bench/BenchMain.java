package io.kernelchat.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the benchmarks, prints their tables and writes them to docs/performance.md.
 * Usage: {@code BenchMain --root DIR --python PATH [--quick] [--no-write] [--only TITLE] [--before-ref REF
 * --before-jar JAR] [--rounds N] [--scroll-only]}.
 */
public final class BenchMain {
  /** Every benchmark, in report order. Add new suites here. */
  private static List<Benchmark> benchmarks() {
    return List.of(new JupyterClientBench(), new ServerBench(), new SandboxBench(), new PoolBench(), new PageBench(),
        new GatewayBench());
  }

  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(".");
    Path python = Path.of("/usr/bin/python3");
    boolean quick = false;
    boolean write = true;
    String only = null;
    String beforeRef = null;
    Path beforeJar = null;
    int rounds = 0;
    boolean scrollOnly = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--root" -> root = Path.of(args[++i]);
        case "--python" -> python = Path.of(args[++i]);
        case "--quick" -> quick = true;
        case "--no-write" -> write = false;
        case "--only" -> only = args[++i];
        case "--before-ref" -> beforeRef = args[++i];
        case "--before-jar" -> beforeJar = Path.of(args[++i]).toAbsolutePath();
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--scroll-only" -> scrollOnly = true;
        default -> {
          System.err.println("unknown argument " + args[i]
              + "; usage: --root DIR --python PATH [--quick] [--no-write] [--only TITLE]"
              + " [--before-ref REF --before-jar JAR] [--rounds N] [--scroll-only]");
          System.exit(2);
        }
      }
    }
    BenchOptions options = new BenchOptions(root.toAbsolutePath().normalize(), python, quick, beforeRef,
        beforeJar, rounds, scrollOnly);
    PerformanceDoc doc = new PerformanceDoc(options.root().resolve("docs/performance.md"));
    List<Report> reports = new ArrayList<>();
    for (Benchmark benchmark : benchmarks()) {
      if (only == null || benchmark.title().equalsIgnoreCase(only)) {
        Report report = benchmark.run(options);
        System.out.println("## " + report.title() + "\n\n" + report.markdown());
        reports.add(report);
      }
    }
    // A scroll alone is not the Page section: the section's table would be lost.
    if (write && !quick && !scrollOnly) {
      for (Report report : reports) {
        doc.writeSection(report.title(), report.markdown());
      }
      System.err.println("bench: wrote " + reports.size() + " section(s) to docs/performance.md");
    }
    System.exit(0);
  }
}
