package io.kernelchat.server.conversation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The environment a kernel gets: an allow-list of the server's variables, never the rest. The model's code
 * runs there, so API keys, the kernelchat token and anything else the server was started with stay out.
 */
final class KernelEnvironment {
  private static final Set<String> PASSED = Set.of("PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE",
      "TMPDIR", "TERM", "TZ", "PYTHONPATH", "VIRTUAL_ENV", "CONDA_PREFIX", "SYSTEMROOT", "XDG_CACHE_HOME");

  private KernelEnvironment() {}

  static Map<String, String> from(Map<String, String> serverEnv) {
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
