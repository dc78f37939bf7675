package io.kernelchat.jupyter;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A kernel's launch recipe, as read from a {@code kernel.json}.
 *
 * @param name the directory name the spec was found under (e.g. {@code python3})
 * @param argv the command line; {@code {connection_file}} and {@code {resource_dir}} are substituted at launch
 * @param displayName the human name
 * @param language the kernel's language, e.g. {@code python}
 * @param env extra environment variables for the kernel process
 * @param interruptMode how to interrupt the kernel
 * @param resourceDir the directory holding kernel.json, or {@code null} for a spec built in code
 */
public record KernelSpec(String name, List<String> argv, String displayName, String language,
                         Map<String, String> env, InterruptMode interruptMode, Path resourceDir) {
  public KernelSpec {
    Objects.requireNonNull(name, "name");
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("kernel spec '" + name + "' has an empty argv");
    }
    env = env == null ? Map.of() : Map.copyOf(env);
    interruptMode = interruptMode == null ? InterruptMode.SIGNAL : interruptMode;
    displayName = displayName == null ? name : displayName;
    language = language == null ? "" : language;
  }
}
