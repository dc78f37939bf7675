package io.kernelchat.server.kernels;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process-count cgroup (the v1 {@code pids} controller) for one sandboxed kernel, where this machine lets
 * kernelchat make one. RLIMIT_NPROC already limits a sandbox's processes for a normal user; it never
 * applies to root (the kernel exempts uid 0 in every namespace), and this does.
 */
final class ProcessCgroup {
  private static final Logger log = LoggerFactory.getLogger(ProcessCgroup.class);
  private static final Path PIDS = Path.of("/sys/fs/cgroup/pids");

  private ProcessCgroup() {}

  /** A fresh cgroup named {@code name} allowing {@code max} processes; empty where none can be made. */
  static Optional<Path> create(String name, int max) {
    if (!Files.isWritable(PIDS) || !Files.exists(PIDS.resolve("cgroup.procs"))) {
      return Optional.empty();
    }
    Path dir = dir(name);
    try {
      Files.createDirectory(dir);
      Files.writeString(dir.resolve("pids.max"), Integer.toString(max));
      return Optional.of(dir);
    } catch (IOException e) {
      log.debug("no pids cgroup for {}: {}", name, e.toString());
      remove(name);
      return Optional.empty();
    }
  }

  /** The command that moves itself into {@code cgroup}, then runs {@code command} there. */
  static List<String> enter(Path cgroup, List<String> command) {
    List<String> c = new java.util.ArrayList<>(List.of("/bin/sh", "-c", "echo $$ > \"$0\" && exec \"$@\"",
        cgroup.resolve("cgroup.procs").toString()));
    c.addAll(command);
    return c;
  }

  /** Removes the cgroup named {@code name}, if made; its processes are gone by now. */
  static void remove(String name) {
    Path cgroup = dir(name);
    try {
      Files.deleteIfExists(cgroup);
    } catch (IOException e) {
      log.warn("cannot remove the cgroup {}: {}", cgroup, e.toString());
    }
  }

  private static Path dir(String name) {
    return PIDS.resolve("kernelchat-" + name);
  }
}
