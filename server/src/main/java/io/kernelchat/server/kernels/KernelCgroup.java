package io.kernelchat.server.kernels;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cgroups (v1 {@code pids} and {@code memory} controllers) of one sandboxed kernel, where this machine lets
 * kernelchat make them, each inside kernelchat's own cgroup of that controller (so any limit the machine puts on
 * kernelchat holds its kernels too).
 *
 * <ul>
 *   <li>{@code pids.max}: RLIMIT_NPROC already limits a sandbox's processes for a normal user; it never applies
 *       to root (the kernel exempts uid 0 in every namespace), and this does.</li>
 *   <li>{@code memory.limit_in_bytes}: RLIMIT_DATA makes a large allocation fail (MemoryError, the kernel lives
 *       on), but not what it does not count: the sandbox's in-memory /tmp, page tables, many threads' stacks.
 *       Past this limit the machine's OOM killer ends the kernel, and the cgroup tells that it did, so the
 *       death can be reported as out of memory.</li>
 * </ul>
 */
final class KernelCgroup {
  private static final Logger log = LoggerFactory.getLogger(KernelCgroup.class);
  private static final Path ROOT = Path.of("/sys/fs/cgroup");
  private static final String PREFIX = "kernelchat-";
  /** How long a removal waits for the kernel's last processes to be reaped (the cgroup is busy until then). */
  private static final long REMOVE_WAIT_MS = 2_000;

  private final List<Path> dirs;

  private KernelCgroup(List<Path> dirs) {
    this.dirs = List.copyOf(dirs);
  }

  /**
   * Fresh cgroups named {@code name} allowing {@code processes} processes and {@code memoryBytes} of memory, in
   * the controllers this machine lets kernelchat write; empty where it lets none.
   */
  static Optional<KernelCgroup> create(String name, int processes, long memoryBytes) {
    List<Path> made = new ArrayList<>();
    Map<String, Map.Entry<String, String>> limits = Map.of(
        "pids", Map.entry("pids.max", Integer.toString(processes)),
        "memory", Map.entry("memory.limit_in_bytes", Long.toString(memoryBytes)));
    for (var controller : limits.entrySet()) {
      Optional<Path> parent = own(controller.getKey());
      if (parent.isEmpty()) {
        continue;
      }
      Path dir = parent.get().resolve(PREFIX + name);
      try {
        Files.createDirectory(dir);
        made.add(dir);
        Files.writeString(dir.resolve(controller.getValue().getKey()), controller.getValue().getValue());
      } catch (IOException e) {
        log.debug("no {} cgroup for {}: {}", controller.getKey(), name, e.toString());
        if (made.remove(dir)) {
          removeDir(dir);
        }
      }
    }
    return made.isEmpty() ? Optional.empty() : Optional.of(new KernelCgroup(made));
  }

  /** The cgroup that {@code name}'s {@link #create} made, to ask and remove; its directories may be gone. */
  static KernelCgroup named(String name) {
    List<Path> dirs = new ArrayList<>();
    for (String controller : List.of("pids", "memory")) {
      own(controller).map(p -> p.resolve(PREFIX + name)).filter(Files::isDirectory).ifPresent(dirs::add);
    }
    return new KernelCgroup(dirs);
  }

  /** The command that moves itself into these cgroups, then runs {@code command} there. */
  List<String> enter(List<String> command) {
    StringBuilder script = new StringBuilder();
    List<String> c = new ArrayList<>(List.of("/bin/sh", "-c", ""));
    for (int i = 0; i < dirs.size(); i++) {
      script.append("echo $$ > \"$").append(i).append("\" && ");
    }
    script.append("shift ").append(dirs.size() - 1).append(" && exec \"$@\"");
    c.set(2, script.toString());
    dirs.forEach(dir -> c.add(dir.resolve("cgroup.procs").toString()));
    c.addAll(command);
    return c;
  }

  /** Whether these cgroups hold the kernel's memory (this machine let kernelchat make a memory cgroup). */
  boolean limitsMemory() {
    return dirs.stream().anyMatch(dir -> Files.exists(dir.resolve("memory.limit_in_bytes")));
  }

  /** Whether the OOM killer ended a process here: the kernel went past its memory limit. */
  boolean outOfMemory() {
    for (Path dir : dirs) {
      Path oom = dir.resolve("memory.oom_control");
      if (Files.exists(oom)) {
        try {
          return Files.readAllLines(oom).stream().anyMatch(l -> l.startsWith("oom_kill ") && !l.equals("oom_kill 0"));
        } catch (IOException e) {
          return false;
        }
      }
    }
    return false;
  }

  /**
   * Removes the empty cgroups of kernels that a server which died (kill -9) left behind. Only those older than
   * {@code age} (a minute, but for tests): a kernel another server is starting right now has an empty one too,
   * for a moment.
   */
  static void removeLeftovers(Duration age) {
    long before = System.currentTimeMillis() - age.toMillis();
    for (String controller : List.of("pids", "memory")) {
      Optional<Path> own = own(controller);
      if (own.isEmpty()) {
        continue;
      }
      try (DirectoryStream<Path> dirs = Files.newDirectoryStream(own.get(), PREFIX + "*")) {
        for (Path dir : dirs) {
          try {
            if (Files.getLastModifiedTime(dir).toMillis() < before) {
              Files.delete(dir);
            }
          } catch (IOException e) {
            // Busy: a running kernel's (this server's leftovers were killed just before and may still be going).
          }
        }
      } catch (IOException e) {
        log.debug("cannot list {}: {}", own.get(), e.toString());
      }
    }
  }

  /** These cgroups' directories, one per controller. */
  List<Path> dirs() {
    return dirs;
  }

  /** Removes these cgroups; their processes are gone or going by now. */
  void remove() {
    dirs.forEach(KernelCgroup::removeDir);
  }

  private static void removeDir(Path dir) {
    long deadline = System.nanoTime() + REMOVE_WAIT_MS * 1_000_000;
    while (true) {
      try {
        Files.deleteIfExists(dir);
        return;
      } catch (FileSystemException e) {
        // EBUSY while the last of the kernel's processes is being reaped.
        if (System.nanoTime() > deadline) {
          log.warn("cannot remove the cgroup {}: {}", dir, e.toString());
          return;
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      } catch (IOException e) {
        log.warn("cannot remove the cgroup {}: {}", dir, e.toString());
        return;
      }
    }
  }

  /** kernelchat's own cgroup of {@code controller} (v1), if this machine has it and lets kernelchat write it. */
  private static Optional<Path> own(String controller) {
    Path mount = ROOT.resolve(controller);
    if (!Files.exists(mount.resolve("cgroup.procs"))) {
      return Optional.empty();
    }
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
        String[] parts = line.split(":", 3);
        if (parts.length == 3 && List.of(parts[1].split(",")).contains(controller)) {
          Path own = mount.resolve(parts[2].substring(1));
          return Files.isWritable(own) ? Optional.of(own) : Optional.empty();
        }
      }
    } catch (IOException e) {
      log.debug("cannot read /proc/self/cgroup: {}", e.toString());
    }
    return Optional.empty();
  }
}
