package io.kernelchat.server.kernels;

import io.kernelchat.jupyter.KernelSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The directories a kernel's own installation lives in, which a sandbox shows read-only: for a Python kernel
 * its prefixes and site-packages (asked of that Python once), else the directory of its program; its
 * kernelspec's directory; and the directories its PYTHONPATH names. Never a directory that holds one of {@code protectedDirs} (the user's home, the
 * kernelchat home): a Python installed straight into a home directory would otherwise show all of it.
 */
final class KernelInstallation {
  private static final Logger log = LoggerFactory.getLogger(KernelInstallation.class);
  private static final String ASK_PYTHON = """
      import os, site, sys
      paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix,
               os.path.dirname(os.path.dirname(os.path.realpath(sys.executable)))}
      paths.update(site.getsitepackages())
      paths.add(site.getusersitepackages())
      paths.update(p for p in sys.path if p and os.path.isabs(p))
      print("\\n".join(sorted(paths)))
      """;

  private final List<Path> protectedDirs;
  private final Map<String, List<Path>> byProgram = new ConcurrentHashMap<>();

  KernelInstallation(List<Path> protectedDirs) {
    this.protectedDirs = protectedDirs.stream().map(p -> p.toAbsolutePath().normalize()).toList();
  }

  /** @param environment the kernel's environment: its PYTHONPATH directories are part of its installation */
  List<Path> directories(KernelSpec spec, Map<String, String> environment) {
    Set<Path> dirs = new LinkedHashSet<>(byProgram.computeIfAbsent(spec.argv().get(0), this::programDirectories));
    if (spec.resourceDir() != null) {
      dirs.add(spec.resourceDir());
    }
    // Asked with -I, the Python leaves PYTHONPATH out of sys.path; the kernel, started with it, imports from it.
    for (String pythonPath : new String[] {spec.env().get("PYTHONPATH"), environment.get("PYTHONPATH")}) {
      if (pythonPath != null) {
        for (String entry : pythonPath.split(":")) {
          if (!entry.isEmpty() && Path.of(entry).isAbsolute() && Files.isDirectory(Path.of(entry))) {
            dirs.add(Path.of(entry));
          }
        }
      }
    }
    List<Path> allowed = new ArrayList<>();
    for (Path dir : dirs) {
      Path normal = dir.toAbsolutePath().normalize();
      if (protectedDirs.stream().anyMatch(p -> p.startsWith(normal))) {
        log.warn("not showing {} to sandboxed kernels: it holds {}", normal, protectedDirs);
      } else {
        allowed.add(normal);
      }
    }
    return allowed;
  }

  private List<Path> programDirectories(String program) {
    Path path = Path.of(program);
    if (path.getFileName().toString().startsWith("python")) {
      List<Path> asked = askPython(program);
      if (!asked.isEmpty()) {
        return asked;
      }
    }
    try {
      Path real = path.toRealPath();
      Path dir = real.getParent().getParent() != null ? real.getParent().getParent() : real.getParent();
      return List.of(dir);
    } catch (IOException e) {
      return List.of();
    }
  }

  private static List<Path> askPython(String python) {
    try {
      Process p = new ProcessBuilder(python, "-I", "-c", ASK_PYTHON).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
        log.warn("could not ask {} where it is installed: {}", python, out.strip());
        return List.of();
      }
      return out.lines().filter(l -> !l.isBlank()).map(Path::of).filter(Files::exists).toList();
    } catch (IOException e) {
      log.warn("could not ask {} where it is installed: {}", python, e.getMessage());
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }
}
