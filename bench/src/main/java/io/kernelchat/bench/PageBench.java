package io.kernelchat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The page in real Chromium, before and after, side by side in one run: the baseline jar (the landed page,
 * built by `bench/run` from a git ref) and this checkout's jar serve copies of the same database, and each
 * opening of a conversation alternates between them. Measured: the time from opening the page to its last
 * cell being on screen with its outputs drawn, the JS heap then (after a GC), and for the longest mixed
 * conversation, a scroll from its last cell to its first with the long tasks on the way.
 */
final class PageBench implements Benchmark {
  /**
   * Bump when {@link BenchConversation} changes what it runs, so an old seed is not reused (2: one mark per
   * conversation, and one home for quick and full runs).
   */
  private static final String SEED_VERSION = "page-seed-2";
  private static final List<String> SERVER_ARGS = List.of("--kernel-pool", "0");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public String title() {
    return "Page";
  }

  @Override
  public Report run(BenchOptions options) throws Exception {
    if (options.beforeJar() == null && !options.scrollOnly()) {
      throw new IllegalArgumentException("the page bench compares with a baseline jar: bench/run --before REF");
    }
    int rounds = options.rounds() > 0 ? options.rounds() : options.quick() ? 1 : 3;
    double timeout = options.quick() ? 60_000 : 120_000;
    List<BenchConversation> all = BenchConversation.all(options.quick());
    BenchConversation longest = all.get(all.size() - 1);
    List<BenchConversation> conversations = options.scrollOnly() ? List.of(longest) : all;
    Path seed = seed(options, conversations);
    String loadAtStart = PerformanceDoc.loadAverage();
    // Outside the checkout: copies of the seeded homes are no part of it, even when a run is cut short.
    Path work = Files.createTempDirectory("kernelchat-page-bench");
    // A run stopped by Ctrl-C or a kill skips the finally below; the JVM still runs its shutdown hooks.
    Thread cleanup = new Thread(() -> deleteQuietly(work), "page-bench-cleanup");
    Runtime.getRuntime().addShutdownHook(cleanup);
    try (PageProbe probe = new PageProbe()) {
      Map<String, Path> jars = new LinkedHashMap<>();
      if (!options.scrollOnly()) {
        jars.put("before", options.beforeJar());
      }
      // A copy: a build during the run must not swap the jar under a running server.
      jars.put("after", Files.copy(options.root().resolve("server/target/kernelchat.jar"), work.resolve("after.jar")));
      Map<String, Side> sides = measure(conversations, longest, seed, work, jars, probe, options, rounds, timeout);
      return options.scrollOnly() ? scrollReport(longest, sides.get("after").scrolls, probe.browserVersion(),
          loadAtStart)
          : report(conversations, sides.get("before"), sides.get("after"), rounds, timeout, options,
              probe.browserVersion());
    } finally {
      Runtime.getRuntime().removeShutdownHook(cleanup);
      ServerBench.deleteTree(work);
    }
  }

  /** Opens every conversation on each side's server (one per jar, on its own copy of the seed), in rounds. */
  private static Map<String, Side> measure(List<BenchConversation> conversations, BenchConversation longest,
                                           Path seed, Path work, Map<String, Path> jars, PageProbe probe,
                                           BenchOptions options, int rounds, double timeout) throws Exception {
    Map<String, Side> sides = new LinkedHashMap<>();
    List<ServerProcess> servers = new ArrayList<>();
    try {
      for (Map.Entry<String, Path> jar : jars.entrySet()) {
        Path home = work.resolve(jar.getKey());
        copyTree(seed, home);
        ServerProcess server = ServerProcess.start(jar.getValue(), options, home, SERVER_ARGS);
        servers.add(server);
        sides.put(jar.getKey(), new Side(server, idsByTitle(server)));
      }
      for (int round = 1; round <= rounds; round++) {
        System.err.printf("page bench: round %d of %d%n", round, rounds);
        for (BenchConversation c : conversations) {
          // Alternate which side goes first, so neither always meets a warmer machine.
          List<String> order = round % 2 == 1 ? List.of("before", "after") : List.of("after", "before");
          for (String name : order.stream().filter(sides::containsKey).toList()) {
            open(sides.get(name), name, c, c.equals(longest), probe, timeout);
          }
        }
      }
    } finally {
      for (ServerProcess server : servers) {
        server.close();
      }
    }
    return sides;
  }

  /** One opening of a conversation, and for the longest mixed one, a scroll to its first cell. */
  private static void open(Side side, String name, BenchConversation c, boolean scroll, PageProbe probe,
                           double timeout) throws IOException {
    if (side.timedOut.getOrDefault(c, false)) {
      return;   // bounded: a side that did not show the last cell in time is not asked again
    }
    try (PageProbe.Session session = probe.new Session(side.server)) {
      PageProbe.Opening opening = session.open(side.server, side.ids.get(c.title()), c.lastMarker(), timeout);
      side.openings.computeIfAbsent(c, k -> new ArrayList<>()).add(opening);
      System.err.printf(Locale.ROOT, "  %s %s: %s, %d renderers %.0f MB%n", name, c.title(),
          opening.millis() == null ? "timeout"
              : String.format(Locale.ROOT, "%.0f ms, JS heap %.1f MB, %d elements", opening.millis(),
                  opening.heapBytes() / 1048576.0, opening.elements()),
          opening.renderers(), opening.rendererBytes() / 1048576.0);
      if (opening.millis() == null) {
        side.timedOut.put(c, true);
      } else if (scroll && c.kind() == BenchConversation.Kind.MIXED) {
        PageProbe.Scroll s = session.scrollToTop(c.marker(0), timeout);
        side.scrolls.add(s);
        System.err.printf(Locale.ROOT, "  %s scroll: %s%n", name, describe(List.of(s)));
      }
    }
  }

  /** One server and what the browser measured on it. */
  private static final class Side {
    final ServerProcess server;
    final Map<String, String> ids;
    final Map<BenchConversation, List<PageProbe.Opening>> openings = new HashMap<>();
    final Map<BenchConversation, Boolean> timedOut = new HashMap<>();
    final List<PageProbe.Scroll> scrolls = new ArrayList<>();

    Side(ServerProcess server, Map<String, String> ids) {
      this.server = server;
      this.ids = ids;
    }
  }

  private static Report report(List<BenchConversation> conversations, Side before, Side after, int rounds,
                               double timeout, BenchOptions options, String browserVersion) {
    Report report = Report.table("Page", "conversation", "cells", "before: last cell visible (ms)",
        "after (ms)", "ratio", "before: JS heap (MB)", "after (MB)", "ratio", "before: renderers' memory (MB)",
        "after (MB)");
    for (BenchConversation c : conversations) {
      List<PageProbe.Opening> b = before.openings.get(c);
      List<PageProbe.Opening> a = after.openings.get(c);
      Double beforeHeap = heap(b);
      Double afterHeap = heap(a);
      report.row(c.kind().description, String.format(Locale.ROOT, "%,d", c.cells()), millis(b, timeout),
          millis(a, timeout), ratio(b, a, timeout), mb(beforeHeap), mb(afterHeap),
          beforeHeap == null || afterHeap == null ? ""
              : String.format(Locale.ROOT, "**%.2f**", afterHeap / beforeHeap),
          renderers(b), renderers(a));
    }
    BenchConversation longest = conversations.get(conversations.size() - 1);
    report.note(String.format(Locale.ROOT, "Before: the page and server of `%s`; after: this checkout's. Medians of"
        + " %d openings each, alternating which side goes first; ratio = after / before (lower is better). Each"
        + " opening is a fresh browser context (Chromium %s headless, 1280×860, no cache, the token's cookie set)"
        + " navigating to the conversation;"
        + " the time is the page's own clock (performance.now(), from navigation start) when, in an animation frame,"
        + " the last cell is inside the transcript's viewport with its images decoded and frames loaded. JS heap:"
        + " used heap after a forced GC, then (CDP Runtime.getHeapUsage), summed over the page's V8 isolates:"
        + " Chromium runs each sandboxed frame out of process, so the frames' heaps count too. Renderers' memory:"
        + " the PSS of every renderer process of the browser at that moment. A side that has not shown the"
        + " last cell within %.0f s is marked > and not asked again; its JS heap is not measured (so busy a page"
        + " answers only once done, minutes later), its renderers' memory is read at the timeout. Both servers"
        + " run with --kernel-pool 0 on copies of one database, seeded by running every cell in a real kernel.",
        options.beforeRef(), rounds, browserVersion, timeout / 1000));
    report.note(scrollNote(longest, before.scrolls, after.scrolls));
    report.note(goals(conversations, after, timeout));
    return report;
  }

  /** Issue 19's goals for this checkout's page, each with what was measured and whether it was met. */
  private static String goals(List<BenchConversation> conversations, Side after, double timeout) {
    List<String> goals = new ArrayList<>();
    for (BenchConversation c : conversations) {
      if (c.kind() == BenchConversation.Kind.MIXED && (c.cells() == 300 || c.cells() == 3000)) {
        double limit = c.cells() == 300 ? 1000 : 2000;
        List<PageProbe.Opening> openings = after.openings.get(c);
        double median = finished(openings).size() < openings.size() ? timeout
            : Samples.of(finished(openings)).median();
        goals.add(String.format(Locale.ROOT, "%,d mixed cells ≤ %,.0f ms: %,.0f ms, %s", c.cells(), limit, median,
            median <= limit ? "met" : "not met"));
      }
    }
    // Less than linear: ten times the cells must cost less than ten times the time.
    List<String> growth = new ArrayList<>();
    boolean sublinear = true;
    for (BenchConversation c : conversations) {
      BenchConversation tenth = new BenchConversation(c.kind(), c.cells() / 10);
      List<PageProbe.Opening> small = after.openings.get(tenth);
      List<PageProbe.Opening> large = after.openings.get(c);
      if (small == null || large == null || finished(small).size() < small.size()
          || finished(large).size() < large.size()) {
        continue;
      }
      double factor = Samples.of(finished(large)).median() / Samples.of(finished(small)).median();
      sublinear &= factor < 10;
      growth.add(String.format(Locale.ROOT, "%s %,d → %,d: ×%.2f", c.kind().name().toLowerCase(Locale.ROOT),
          tenth.cells(), c.cells(), factor));
    }
    if (!growth.isEmpty()) {
      goals.add("less than linear growth (ten times the cells, under ten times the time): "
          + String.join(", ", growth) + ", " + (sublinear ? "met" : "not met"));
    }
    if (!after.scrolls.isEmpty()) {
      long over = after.scrolls.stream().mapToLong(PageBench::over100).sum();
      boolean reached = after.scrolls.stream().allMatch(s -> s.millis() >= 0);
      goals.add(String.format(Locale.ROOT, "no long task over 100 ms scrolling the longest mixed conversation: %d over"
          + " 100 ms in %d scrolls%s, %s", over, after.scrolls.size(), reached ? "" : " (not all reached the top)",
          over == 0 && reached ? "met" : "not met"));
    }
    return "Goals (issue 19), this checkout's page: " + String.join("; ", goals) + ".";
  }

  private static String scrollNote(BenchConversation longest, List<PageProbe.Scroll> before,
                                   List<PageProbe.Scroll> after) {
    return String.format(Locale.ROOT, "Scrolling the %,d mixed cells from the last to the first (1,500 px with a"
        + " wheel event every other frame, loading older pages on the way where the page pages): before %s; after"
        + " %s. Goal: no long task over 100 ms.", longest.cells(), describe(before), describe(after));
  }

  /** `--scroll-only`: the scroll alone, on this checkout's page, one row a round. */
  private static Report scrollReport(BenchConversation longest, List<PageProbe.Scroll> scrolls,
                                     String browserVersion, String loadAtStart) throws IOException {
    Report report = Report.table("Page", "scroll", "cells", "to the first cell (ms)", "long tasks",
        "over 100 ms", "longest task (ms)");
    for (PageProbe.Scroll s : scrolls) {
      report.row(longest.kind().description, String.format(Locale.ROOT, "%,d", longest.cells()),
          s.millis() < 0 ? "not reached in time" : String.format(Locale.ROOT, "%,.0f", s.millis()),
          String.valueOf(s.longTasks().size()), String.valueOf(over100(s)),
          String.format(Locale.ROOT, "%.0f", longestTask(s)));
    }
    report.note(String.format(Locale.ROOT, "`--scroll-only`: this checkout's page alone (Chromium %s headless,"
        + " 1280×860), opened at its last cell, then scrolled from the last cell to the first, 1,500 px with a"
        + " wheel event every other frame; long tasks from a buffered PerformanceObserver. Load average at the"
        + " start %s, at the end %s. Goal: no long task over 100 ms.", browserVersion, loadAtStart,
        PerformanceDoc.loadAverage()));
    return report;
  }

  private static long over100(PageProbe.Scroll s) {
    return s.longTasks().stream().filter(d -> d > 100).count();
  }

  private static double longestTask(PageProbe.Scroll s) {
    return s.longTasks().stream().mapToDouble(Double::doubleValue).max().orElse(0);
  }

  private static String describe(List<PageProbe.Scroll> scrolls) {
    if (scrolls.isEmpty()) {
      return "not measured (the page did not open in time)";
    }
    List<String> runs = new ArrayList<>();
    for (PageProbe.Scroll s : scrolls) {
      runs.add(String.format(Locale.ROOT, "%s with %d long tasks, %d over 100 ms, the longest %.0f ms",
          s.millis() < 0 ? "did not reach the top in time" : String.format(Locale.ROOT, "%.0f ms", s.millis()),
          s.longTasks().size(), over100(s), longestTask(s)));
    }
    return String.join("; ", runs);
  }

  private static String millis(List<PageProbe.Opening> openings, double timeout) {
    List<Double> done = finished(openings);
    if (done.size() < openings.size()) {
      return String.format(Locale.ROOT, "> %,.0f", timeout);
    }
    return String.format(Locale.ROOT, "%,.0f", Samples.of(done).median());
  }

  /** after / before; with a before that timed out, an upper bound (after / the timeout). */
  private static String ratio(List<PageProbe.Opening> before, List<PageProbe.Opening> after, double timeout) {
    List<Double> b = finished(before);
    List<Double> a = finished(after);
    if (a.size() < after.size()) {
      return "";
    }
    double afterMedian = Samples.of(a).median();
    return b.size() < before.size() ? String.format(Locale.ROOT, "**< %.2f**", afterMedian / timeout)
        : String.format(Locale.ROOT, "**%.2f**", afterMedian / Samples.of(b).median());
  }

  private static List<Double> finished(List<PageProbe.Opening> openings) {
    return openings.stream().map(PageProbe.Opening::millis).filter(m -> m != null).toList();
  }

  /** The median JS heap of the openings that finished; null when none did (a timed-out page is not asked). */
  private static Double heap(List<PageProbe.Opening> openings) {
    List<PageProbe.Opening> done = openings.stream().filter(o -> o.millis() != null).toList();
    return done.isEmpty() ? null : median(done, PageProbe.Opening::heapBytes);
  }

  private static double median(List<PageProbe.Opening> openings, java.util.function.ToLongFunction<PageProbe.Opening> bytes) {
    return Samples.of(openings.stream().map(o -> (double) bytes.applyAsLong(o)).toList()).median();
  }

  /** The renderers' median PSS, and how many processes the page used. */
  private static String renderers(List<PageProbe.Opening> openings) {
    int most = openings.stream().mapToInt(PageProbe.Opening::renderers).max().orElse(0);
    return mb(median(openings, PageProbe.Opening::rendererBytes)) + " (" + most + " processes)";
  }

  private static String mb(Double bytes) {
    return bytes == null ? "not measured" : String.format(Locale.ROOT, "%.1f", bytes / 1048576.0);
  }

  /**
   * A kernelchat home holding the bench conversations asked for, each made once by running its cells through this
   * checkout's server and kept in bench/target for later runs (seeding 10,000 cells takes minutes). Each
   * conversation is marked done on its own, so a run that needs fewer (--quick, --scroll-only) seeds only those
   * and a later run adds the others; one cut short is seeded again.
   */
  private static Path seed(BenchOptions options, List<BenchConversation> conversations) throws Exception {
    Path home = options.root().resolve("bench/target").resolve(SEED_VERSION);
    List<BenchConversation> missing = conversations.stream()
        .filter(c -> !Files.exists(seededMark(home, c))).toList();
    if (missing.isEmpty()) {
      return home;
    }
    try (ServerProcess server = ServerProcess.start(options.root().resolve("server/target/kernelchat.jar"), options,
        home, List.of("--kernel-pool", "0", "--max-kernels", "1"));
         KeepAliveHttp http = server.keepAlive()) {
      Map<String, String> existing = idsByTitle(server);
      for (BenchConversation c : missing) {
        if (existing.containsKey(c.title())) {
          server.json("DELETE", "/api/conversations/" + existing.get(c.title()), "");   // cut short before
        }
        String id = server.json("POST", "/api/conversations", "{\"title\":\"" + c.title() + "\"}").get("id").asText();
        System.err.printf("page bench: seeding %s%n", c.title());
        for (int i = 0; i < c.cells(); i++) {
          JsonNode cell = JSON.readTree(http.post("/api/conversations/" + id + "/execute",
              JSON.writeValueAsString(Map.of("code", c.code(i)))));
          if (!"ok".equals(cell.path("status").asText())) {
            throw new IllegalStateException("seeding " + c.title() + ": cell " + i + " failed: " + cell);
          }
        }
        Files.writeString(seededMark(home, c), "");
      }
    }
    return home;
  }

  private static Path seededMark(Path home, BenchConversation c) {
    return home.resolve("seeded-" + c.title().replace(' ', '-'));
  }

  private static Map<String, String> idsByTitle(ServerProcess server) throws Exception {
    Map<String, String> ids = new HashMap<>();
    for (JsonNode c : server.json("GET", "/api/conversations", "").get("conversations")) {
      ids.put(c.get("title").asText(), c.get("id").asText());
    }
    return ids;
  }

  private static void deleteQuietly(Path dir) {
    try {
      ServerBench.deleteTree(dir);
    } catch (IOException | RuntimeException e) {
      System.err.println("page bench: could not remove " + dir + ": " + e);
    }
  }

  /** Copies the database and workspaces (not the kernel pool's directories or logs). */
  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path p : paths.toList()) {
        Path rel = from.relativize(p);
        if (rel.startsWith("pool") || rel.startsWith("logs")) {
          continue;
        }
        Path target = to.resolve(rel.toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
