package io.kernelchat.jupyter.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Checks, once per path, whether a Python can import ipykernel. */
public final class PythonProbe {
  private static final Map<Path, Optional<String>> PROBLEMS = new ConcurrentHashMap<>();

  private PythonProbe() {}

  /** Empty when {@code python} imports ipykernel, else why not (in a few words). */
  public static Optional<String> problemWithIpykernel(Path python) {
    return PROBLEMS.computeIfAbsent(python.toAbsolutePath(), PythonProbe::probe);
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
      Process p = new ProcessBuilder(python.toString(), "-c", "import ipykernel")
          .redirectErrorStream(true).start();
      p.getOutputStream().close();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.of("'import ipykernel' did not finish within 30 s");
      }
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (p.exitValue() == 0) {
        return Optional.empty();
      }
      String[] lines = out.split("\n");
      return Optional.of("'import ipykernel' failed: " + (out.isEmpty() ? "exit " + p.exitValue()
          : lines[lines.length - 1]));
    } catch (IOException e) {
      return Optional.of("cannot run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.of("interrupted while checking");
    }
  }
}
