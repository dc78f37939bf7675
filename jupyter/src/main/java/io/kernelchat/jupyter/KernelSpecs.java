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
import java.util.regex.Pattern;

/** The kernelspecs found on a Jupyter search path, and the choice of a Python kernel. */
public final class KernelSpecs {
  /** The program names jupyter_client replaces with its own Python: python, python3, python3.X. */
  private static final Pattern BARE_PYTHON = Pattern.compile("python(3(\\.[0-9]+)?)?");

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
    return discover(jupyterPath(Optional.empty()));
  }

  /**
   * As {@link #discover()}, and also in the data directory of {@code python}'s environment
   * ({@code <prefix>/share/jupyter}, where {@code pip install} or {@code --sys-prefix} put a kernel's spec),
   * after the user's and before the system's, as jupyter_core orders its {@code sys.prefix}.
   */
  public static KernelSpecs discoverFor(Path python) {
    return discover(jupyterPath(Optional.of(python)));
  }

  private static List<Path> jupyterPath(Optional<Path> python) {
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
    python.flatMap(KernelSpecs::prefixOf).map(prefix -> prefix.resolve("share").resolve("jupyter"))
        .filter(dir -> !path.contains(dir)).ifPresent(path::add);
    for (String system : List.of("/usr/local/share/jupyter", "/usr/share/jupyter")) {
      if (!path.contains(Path.of(system))) {
        path.add(Path.of(system));
      }
    }
    return path;
  }

  /** {@code <prefix>} of {@code <prefix>/bin/python}, links not followed: a virtualenv's python links elsewhere. */
  private static Optional<Path> prefixOf(Path python) {
    Path bin = python.toAbsolutePath().normalize().getParent();
    return bin != null && bin.getFileName() != null && bin.getFileName().toString().equals("bin")
        ? Optional.ofNullable(bin.getParent()) : Optional.empty();
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
   * The spec named {@code name}, ready to launch: {@code python3} is {@link #python(Optional)}'s; any other has
   * its program found now. As in jupyter_client, a bare {@code python}, {@code python3} or {@code python3.X}
   * is not whatever PATH finds first (it may lack the kernel's module): it becomes the Python of the
   * environment the spec is installed in ({@code <prefix>/share/jupyter/kernels/<name>} →
   * {@code <prefix>/bin/python3}), else the configured Python, else {@code /usr/bin/python3} or {@code python3}
   * on PATH, the first that imports the module the argv names after {@code -m}. Another bare program name is
   * looked up on PATH, so the argv names it absolutely (a sandbox shows what it sees).
   *
   * @throws KernelSpecNotFoundException when there is no such spec or its program is not installed, saying which
   */
  public KernelSpec launchable(String name, Optional<Path> configuredPython) {
    if (name.equals("python3")) {
      return python(configuredPython);
    }
    KernelSpec spec = find(name).orElseThrow(() -> new KernelSpecNotFoundException("there is no kernelspec '" + name
        + "'; found " + (specs.isEmpty() ? "none" : String.join(", ", specs.keySet())) + " in "
        + searchPath.stream().map(p -> p.resolve("kernels").toString()).toList()));
    String program = spec.argv().get(0);
    Path resolved;
    if (BARE_PYTHON.matcher(program).matches()) {
      resolved = pythonFor(spec, configuredPython);
    } else if (program.contains(File.separator)) {
      resolved = Path.of(program);
      if (!Files.isExecutable(resolved)) {
        throw new KernelSpecNotFoundException("kernelspec '" + name + "' cannot start: its program " + program
            + " is not an executable file (is " + spec.displayName() + " installed?)");
      }
    } else {
      resolved = PythonProbe.onPath(program).orElseThrow(() -> new KernelSpecNotFoundException("kernelspec '" + name
          + "' cannot start: its program '" + program + "' is not on PATH (is " + spec.displayName()
          + " installed?)"));
    }
    List<String> argv = new ArrayList<>(spec.argv());
    argv.set(0, resolved.toString());
    return withArgv(spec, argv);
  }

  private static Path pythonFor(KernelSpec spec, Optional<Path> configuredPython) {
    List<Path> candidates = new ArrayList<>();
    Path dir = spec.resourceDir();
    // <prefix>/share/jupyter/kernels/<name>: four levels up
    for (int up = 0; dir != null && up < 4; up++) {
      dir = dir.getParent();
    }
    if (dir != null) {
      candidates.add(dir.resolve("bin").resolve("python3"));
      candidates.add(dir.resolve("bin").resolve("python"));
    }
    configuredPython.ifPresent(candidates::add);
    candidates.add(Path.of("/usr/bin/python3"));
    PythonProbe.onPath("python3").ifPresent(candidates::add);
    int m = spec.argv().indexOf("-m");
    Optional<String> module = m >= 0 && m + 1 < spec.argv().size() ? Optional.of(spec.argv().get(m + 1))
        : Optional.empty();
    List<Path> executable = candidates.stream().filter(Files::isExecutable).distinct().toList();
    return executable.stream().filter(p -> module.isEmpty() || PythonProbe.imports(p, module.get())).findFirst()
        .orElseThrow(() -> new KernelSpecNotFoundException("kernelspec '" + spec.name() + "' cannot start: no Python"
            + module.map(mod -> " that imports " + mod).orElse("") + " among " + executable
            + " (is " + spec.displayName() + " installed?)"));
  }

  private static KernelSpec withArgv(KernelSpec s, List<String> argv) {
    return new KernelSpec(s.name(), argv, s.displayName(), s.language(), s.env(), s.interruptMode(), s.resourceDir());
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
    List<Path> fallbacks = new ArrayList<>();
    fallbacks.add(Path.of("/usr/bin/python3"));
    PythonProbe.onPath("python3").ifPresent(fallbacks::add);
    return python(configuredPython, fallbacks);
  }

  /** As {@link #python(Optional)}, with the Pythons to fall back on given (tests choose them). */
  KernelSpec python(Optional<Path> configuredPython, List<Path> fallbackPythons) {
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
    if (spec.isPresent() && !BARE_PYTHON.matcher(spec.get().argv().get(0)).matches()) {
      return spec.get();
    }
    List<String> tried = new ArrayList<>();
    Optional<Path> python = firstUsablePython(fallbackPythons, tried);
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
      return withArgv(spec.get(), argv);
    }
    return launcherSpec(python.get());
  }

  private static Optional<Path> firstUsablePython(List<Path> candidates, List<String> tried) {
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
