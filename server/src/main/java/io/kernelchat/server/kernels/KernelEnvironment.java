package io.kernelchat.server.kernels;

import io.kernelchat.server.store.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The environment a kernel gets: an allow-list of the server's variables, never the rest. The model's code
 * runs there, so API keys, the kernelchat token and anything else the server was started with stay out.
 * IPython's own directory is kernelchat's: its history file is a SQLite database shared by every IPython
 * that uses it, and kernels starting at the same moment can lock one another out of it and hang
 * (ipython/ipython#11460); kernelchat's kernels keep their history in memory instead, and the model's code
 * stays out of the user's IPython history. Readline's settings are kernelchat's too ({@code INPUTRC}): a kernel
 * is no terminal, and with bracketed paste on, kernels that drive their language's REPL through a pseudo-terminal
 * (octave_kernel and metakernel's others) show its escape codes around every output. Public so that the bench
 * can give its kernels exactly this environment: every kernel it compares must do the same work per cell.
 */
public final class KernelEnvironment {
  private static final Set<String> PASSED = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE",
      "TMPDIR", "TERM", "TZ", "PYTHONPATH", "VIRTUAL_ENV", "CONDA_PREFIX", "SYSTEMROOT", "XDG_CACHE_HOME");

  private static final String CONFIG = """
      # Written by kernelchat at every start. History in memory: see KernelEnvironment.
      c.HistoryManager.hist_file = ":memory:"
      """;

  private static final String INPUTRC = """
      # Written by kernelchat at every start: see KernelEnvironment.
      set enable-bracketed-paste off
      """;

  private KernelEnvironment() {}

  /** Writes the IPython and readline settings into {@code ipythonDir} and returns the environment that points at them. */
  public static Map<String, String> create(Map<String, String> serverEnv, Path ipythonDir) {
    Path config = config(ipythonDir);
    try {
      OwnerOnly.directories(ipythonDir);
      OwnerOnly.directories(config.getParent());
      Files.writeString(OwnerOnly.file(config), CONFIG);
      Files.writeString(OwnerOnly.file(inputrc(ipythonDir)), INPUTRC);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the kernels' IPython settings in " + ipythonDir + ": "
          + e.getMessage(), e);
    }
    Map<String, String> env = from(serverEnv);
    env.put("IPYTHONDIR", ipythonDir.toString());
    env.put("INPUTRC", inputrc(ipythonDir).toString());
    return env;
  }

  /** The settings file in {@code ipythonDir}; a sandboxed kernel sees it read-only in an IPython directory of its own. */
  public static Path config(Path ipythonDir) {
    return ipythonDir.resolve("profile_default").resolve("ipython_kernel_config.py");
  }

  /** The readline settings file in {@code ipythonDir}; a sandboxed kernel sees it read-only in its own IPython directory. */
  static Path inputrc(Path ipythonDir) {
    return ipythonDir.resolve("inputrc");
  }

  private static Map<String, String> from(Map<String, String> serverEnv) {
    Map<String, String> env = new LinkedHashMap<>();
    serverEnv.forEach((k, v) -> {
      if (PASSED.contains(k) || k.startsWith("LC_")) {
        env.put(k, v);
      }
    });
    env.putIfAbsent("LANG", "C.UTF-8");
    env.put("PYTHONUNBUFFERED", "1");
    env.put("PYTHONIOENCODING", "utf-8");
    env.put("MPLBACKEND", "module://matplotlib_inline.backend_inline");
    env.put("TERM", "xterm-256color");
    return env;
  }
}
