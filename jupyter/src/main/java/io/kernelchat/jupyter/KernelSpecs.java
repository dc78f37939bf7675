package io.kernelchat.jupyter;

import io.kernelchat.jupyter.internal.KernelSpecReader;
import io.kernelchat.jupyter.internal.PythonProbe;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The kernelspecs found on a Jupyter search path, and the choice of a Python kernel. */
public final class KernelSpecs {
  private static final List<String> BARE_PYTHON_NAMES = List.of("python", "python3");

  private final List<Path> searchPath;
  private final Map<String, KernelSpec> specs;

  private KernelSpecs(List<Path> searchPath, Map<String, KernelSpec> specs) {
    this.searchPath = List.copyOf(searchPath);
    this.specs = specs;
  }

  /**
   * Searches where Jupyter does: each entry of {@code $JUPYTER_PATH}, the user data dir
   * ({@code $JUPYTER_DATA_DIR} or {@code ~/.local/share/jupyter}), {@code /usr/local/share/jupyter},
   * {@code /usr/share/jupyter}. Earlier entries win.
   */
  public static KernelSpecs discover() {
    List<Path> path = new ArrayList<>();
    String jupyterPath = System.getenv("JUPYTER_PATH");
    if (jupyterPath != null) {
      for (String entry : jupyterPath.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          path.add(Path.of(entry));
        }
      }
    }
    String dataDir = System.getenv("JUPYTER_DATA_DIR");
    path.add(dataDir != null ? Path.of(dataDir)
        : Path.of(System.getProperty("user.home"), ".local", "share", "jupyter"));
    path.add(Path.of("/usr/local/share/jupyter"));
    path.add(Path.of("/usr/share/jupyter"));
    return discover(path);
  }

  /** Searches {@code <dir>/kernels/<name>/kernel.json} under each data directory; earlier entries win. */
  public static KernelSpecs discover(List<Path> searchPath) {
    Map<String, KernelSpec> found = new LinkedHashMap<>();
    for (Path dir : searchPath) {
      for (KernelSpec spec : KernelSpecReader.readAll(dir.resolve("kernels"))) {
        found.putIfAbsent(spec.name(), spec);
      }
    }
    return new KernelSpecs(searchPath, found);
  }

  /** The spec with this directory name. */
  public Optional<KernelSpec> find(String name) {
    return Optional.ofNullable(specs.get(name));
  }

  /** Every spec found, in search order. */
  public List<KernelSpec> all() {
    return List.copyOf(specs.values());
  }

  /**
   * A Python kernel that will really start. A configured Python wins and must import ipykernel. Otherwise
   * the {@code python3} spec (or any Python one); a bare {@code python}/{@code python3} in its argv is
   * resolved to a Python that imports ipykernel, since the first one on PATH may not. Without a spec, the
   * first of {@code /usr/bin/python3} and {@code python3} on PATH that imports ipykernel.
   *
   * @throws KernelSpecNotFoundException naming every directory and Python tried
   */
  public KernelSpec python(Optional<Path> configuredPython) {
    if (configuredPython.isPresent()) {
      Path python = configuredPython.get();
      Optional<String> problem = PythonProbe.problemWithIpykernel(python);
      if (problem.isPresent()) {
        throw new KernelSpecNotFoundException("the configured Python " + python + " cannot run a kernel: "
            + problem.get());
      }
      return launcherSpec(python);
    }
    Optional<KernelSpec> spec = find("python3").or(() -> specs.values().stream()
        .filter(s -> s.language().equalsIgnoreCase("python")).findFirst());
    List<String> tried = new ArrayList<>();
    Optional<Path> python = firstUsablePython(tried);
    if (spec.isPresent() && !BARE_PYTHON_NAMES.contains(spec.get().argv().get(0))) {
      return spec.get();
    }
    if (python.isEmpty()) {
      throw new KernelSpecNotFoundException("no Python kernel found. Searched kernelspecs in "
          + searchPath.stream().map(p -> p.resolve("kernels").toString()).toList()
          + (spec.isPresent() ? " (found '" + spec.get().name() + "' but its bare '" + spec.get().argv().get(0)
              + "' cannot import ipykernel)" : "")
          + "; tried Pythons: " + String.join("; ", tried)
          + ". Install ipykernel (e.g. apt-get install python3-ipykernel) or configure a Python that has it.");
    }
    if (spec.isPresent()) {
      List<String> argv = new ArrayList<>(spec.get().argv());
      argv.set(0, python.get().toString());
      KernelSpec s = spec.get();
      return new KernelSpec(s.name(), argv, s.displayName(), s.language(), s.env(), s.interruptMode(),
          s.resourceDir());
    }
    return launcherSpec(python.get());
  }

  private static Optional<Path> firstUsablePython(List<String> tried) {
    List<Path> candidates = new ArrayList<>();
    candidates.add(Path.of("/usr/bin/python3"));
    PythonProbe.onPath("python3").ifPresent(candidates::add);
    for (Path candidate : candidates) {
      Optional<String> problem = PythonProbe.problemWithIpykernel(candidate);
      if (problem.isEmpty()) {
        return Optional.of(candidate);
      }
      tried.add(candidate + " (" + problem.get() + ")");
    }
    return Optional.empty();
  }

  private static KernelSpec launcherSpec(Path python) {
    return new KernelSpec("python3", List.of(python.toString(), "-m", "ipykernel_launcher", "-f",
        "{connection_file}"), "Python 3 (" + python + ")", "python", Map.of(), InterruptMode.SIGNAL, null);
  }
}
