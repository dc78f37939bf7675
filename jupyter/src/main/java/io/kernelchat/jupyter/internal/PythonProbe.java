package io.kernelchat.jupyter.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Checks, once per path, whether a Python can run a kernel: it imports ipykernel, new enough. */
public final class PythonProbe {
  private static final Map<Path, Optional<String>> PROBLEMS = new ConcurrentHashMap<>();
  private static final Map<List<String>, Boolean> IMPORTS = new ConcurrentHashMap<>();
  private static final String FIND_MODULE = "import importlib.util, sys; sys.exit(0 if importlib.util.find_spec(sys.argv[1]) else 3)";
  /** The oldest ipykernel kernelchat is tested with (Debian 12 has 6.17). */
  static final String MIN_IPYKERNEL = "6.0";
  private static final String VERSION_MARK = "ipykernel-version:";
  private static final String ASK_VERSION = "import ipykernel; print('" + VERSION_MARK + "' + ipykernel.__version__)";
  private static final String INSTALL = "; install it: python -m pip install --upgrade ipykernel (in that Python's"
      + " environment), or on Debian/Ubuntu apt-get install python3-ipykernel";

  private PythonProbe() {}

  /** Empty when {@code python} imports ipykernel {@value #MIN_IPYKERNEL} or newer, else why not and what to install. */
  public static Optional<String> problemWithIpykernel(Path python) {
    return PROBLEMS.computeIfAbsent(python.toAbsolutePath(), PythonProbe::probe);
  }

  /** Whether {@code python} finds the module {@code module} (as {@code python -m module} would); asked once. */
  public static boolean imports(Path python, String module) {
    return IMPORTS.computeIfAbsent(List.of(python.toAbsolutePath().toString(), module), key -> {
      try {
        Process p = new ProcessBuilder(key.get(0), "-c", FIND_MODULE, module).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          return false;
        }
        return p.exitValue() == 0;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    });
  }

  /** The first executable named {@code name} on this JVM's PATH. */
  public static Optional<Path> onPath(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir.isEmpty() ? "." : dir, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> probe(Path python) {
    if (!Files.isExecutable(python)) {
      return Optional.of("not an executable file");
    }
    try {
      Process p = new ProcessBuilder(python.toString(), "-c", ASK_VERSION).redirectErrorStream(true).start();
      p.getOutputStream().close();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.of("'import ipykernel' did not finish within 30 s");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      String[] lines = out.split("\n");
      String last = lines[lines.length - 1];
      if (p.exitValue() != 0) {
        return Optional.of("'import ipykernel' failed: " + (out.isEmpty() ? "exit " + p.exitValue() : last)
            + INSTALL);
      }
      if (!last.startsWith(VERSION_MARK)) {
        return Optional.of("it is not a Python (asked for its ipykernel version, it answered '" + abbreviate(out)
            + "')");
      }
      String version = last.substring(VERSION_MARK.length()).strip();
      if (!atLeast(version, MIN_IPYKERNEL)) {
        return Optional.of("its ipykernel " + version + " is older than " + MIN_IPYKERNEL + INSTALL);
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("cannot run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while checking");
    }
  }

  /** Whether a version like {@code 6.17.0} or {@code 7.0.0a1} is at least {@code major.minor}. */
  static boolean atLeast(String version, String minimum) {
    String[] have = version.split("[^0-9]+");
    String[] need = minimum.split("\\.");
    for (int i = 0; i < need.length; i++) {
      int h = i < have.length && !have[i].isEmpty() ? Integer.parseInt(have[i]) : 0;
      int n = Integer.parseInt(need[i]);
      if (h != n) {
        return h > n;
      }
    }
    return true;
  }

  private static String abbreviate(String text) {
    String oneLine = text.replaceAll("\\s+", " ");
    return oneLine.length() <= 80 ? oneLine : oneLine.substring(0, 80) + "...";
  }
}
