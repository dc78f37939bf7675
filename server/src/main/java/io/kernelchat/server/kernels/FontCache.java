package io.kernelchat.server.kernels;

import io.kernelchat.jupyter.KernelSpec;
import io.kernelchat.server.store.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * matplotlib's font list, made once per Python and server run and shown read-only to every later sandboxed
 * kernel of that Python. A sandboxed kernel's HOME is its own empty /tmp, so without it each kernel scans the
 * system's fonts again on its first plot: 1–2 s here, more than the plot itself.
 *
 * <p>The list is made by that Python in a sandbox of its own, with the kernel's policy and nothing to run
 * but matplotlib's import, so it names only fonts a kernel can see, and no kernel code has touched it: a kernel
 * reads it but cannot change what the next kernel loads. Where the Python has no matplotlib, there is none.
 */
final class FontCache {
  private static final Logger log = LoggerFactory.getLogger(FontCache.class);
  /** The sandbox's XDG_CACHE_HOME; matplotlib looks in its {@code matplotlib} directory. */
  static final Path XDG_CACHE_HOME = SandboxPolicy.TMP.resolve(".cache");
  static final Path INSIDE = XDG_CACHE_HOME.resolve("matplotlib");
  private static final String BUILD = "import matplotlib.font_manager";

  private final Path root;
  private final Map<String, CompletableFuture<List<Path>>> builds = new ConcurrentHashMap<>();

  /** @param root a directory of its own, emptied now: a font list is not kept from one server run to the next */
  FontCache(Path root) {
    this.root = root;
    try {
      if (Files.exists(root)) {
        try (Stream<Path> walk = Files.walk(root)) {
          for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      OwnerOnly.directories(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + root + ": " + e.getMessage(), e);
    }
  }

  /**
   * The font list files for {@code spec}'s kernels, once made; until then none, and the first call starts making
   * them in the background (a kernel started meanwhile scans the fonts itself, as it would without this).
   *
   * @param policyFor the sandbox a kernel gets, given the directory to show as its workspace
   */
  List<Path> files(KernelSpec spec, Function<Path, SandboxPolicy> policyFor) {
    if (!"python".equalsIgnoreCase(spec.language())) {
      return List.of();
    }
    return builds.computeIfAbsent(spec.argv().get(0), python ->
        CompletableFuture.supplyAsync(() -> build(python, policyFor), task -> {
          Thread thread = new Thread(task, "font-cache");
          thread.setDaemon(true);
          thread.start();
        })).getNow(List.of());
  }

  /** The making of {@code spec}'s font list, once a kernel of it has started it (tests wait for it). */
  CompletableFuture<List<Path>> making(KernelSpec spec) {
    return builds.getOrDefault(spec.argv().get(0), CompletableFuture.completedFuture(List.of()));
  }

  private List<Path> build(String python, Function<Path, SandboxPolicy> policyFor) {
    long started = System.nanoTime();
    try {
      Path fonts = Files.createTempDirectory(root, "fonts");
      Path run = Files.createTempDirectory(root, "run");
      SandboxPolicy policy = policyFor.apply(fonts);
      try {
        ProcessBuilder builder = new ProcessBuilder(policy.command(List.of(python, "-c", BUILD), run))
            .redirectErrorStream(true);
        builder.environment().clear();
        builder.environment().putAll(Map.of("PATH", "/usr/local/bin:/usr/bin:/bin", "LANG", "C.UTF-8",
            "MPLCONFIGDIR", SandboxPolicy.WORKSPACE.toString()));
        Process p = builder.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          out = "not done within 120 s";
        } else if (p.exitValue() == 0) {
          out = null;
        } else if (out.isEmpty()) {
          out = "exit " + p.exitValue();
        }
        if (out != null) {
          // The last line says why (a Python without matplotlib: ModuleNotFoundError).
          log.info("no shared font list for {} (its kernels scan the fonts themselves): {}", python,
              out.lines().reduce((a, b) -> b).orElse(out));
          return List.of();
        }
      } finally {
        policy.cleanUp(run);
        Files.deleteIfExists(run);
      }
      List<Path> files = new ArrayList<>();
      try (DirectoryStream<Path> lists = Files.newDirectoryStream(fonts, "fontlist-*.json")) {
        lists.forEach(files::add);
      }
      log.info("matplotlib's font list for {} made in {} ms: {}", python, (System.nanoTime() - started) / 1_000_000,
          files.stream().map(f -> f.getFileName().toString()).toList());
      return List.copyOf(files);
    } catch (IOException e) {
      log.info("no shared font list for {}: {}", python, e.toString());
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }
}
