package io.kernelchat.jupyter.internal;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kernel's OS process, in its own process group: launch, signal the group, wait, kill. Knows nothing
 * of messages.
 */
public final class KernelProcess {
  private static final Logger log = LoggerFactory.getLogger(KernelProcess.class);
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  /** Inherited from this JVM when set; nothing else is, unless the caller adds it. */
  private static final List<String> SAFE_ENVIRONMENT = List.of("PATH", "HOME", "LANG", "TMPDIR");

  private final Process process;
  private final Path logFile;
  private volatile boolean ownGroup;

  private KernelProcess(Process process, Path logFile, boolean ownGroup) {
    this.process = process;
    this.logFile = logFile;
    this.ownGroup = ownGroup;
  }

  /**
   * Starts {@code argv} through {@code setsid}, so that the kernel leads a new process group (a JVM's child
   * is not a group leader, so setsid execs in place and the pid is the group id).
   */
  public static KernelProcess launch(List<String> argv, Path workingDirectory, Map<String, String> environment,
                                     Path logFile) throws IOException {
    List<String> command = new ArrayList<>();
    boolean viaSetsid = Files.isExecutable(SETSID);
    if (viaSetsid) {
      command.add(SETSID.toString());
    } else {
      log.warn("{} not found: the kernel shares this JVM's process group and its children get no signals",
          SETSID);
    }
    command.addAll(argv);
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workingDirectory.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    Map<String, String> env = builder.environment();
    env.clear();
    for (String name : SAFE_ENVIRONMENT) {
      String value = System.getenv(name);
      if (value != null) {
        env.put(name, value);
      }
    }
    env.putAll(environment);
    env.put("JPY_PARENT_PID", Long.toString(ProcessHandle.current().pid()));
    return new KernelProcess(builder.start(), logFile, viaSetsid);
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Checks with the OS that the kernel leads its own process group (pid == pgid); if not, signals go to
   * the process alone. Call once the kernel is running (setsid has run by then).
   */
  public boolean confirmOwnGroup() {
    String[] fields = statFields(Path.of("/proc", Long.toString(pid())));
    boolean leads = fields != null && fields[2].equals(Long.toString(pid()));
    if (ownGroup && !leads) {
      log.warn("kernel {} does not lead its process group; signalling the process alone", pid());
    }
    ownGroup = ownGroup && leads;
    return ownGroup;
  }

  /**
   * Waits up to {@code millis} until no live process (zombies aside) is left in the kernel's group.
   * True when the group is empty.
   */
  public boolean awaitGroupEmpty(long millis) throws InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000;
    while (hasLiveGroupMembers()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(20);
    }
    return true;
  }

  private boolean hasLiveGroupMembers() {
    if (!ownGroup) {
      return process.isAlive();
    }
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      return entries.anyMatch(dir -> {
        String[] fields = statFields(dir);
        return fields != null && !fields[0].equals("Z") && fields[2].equals(Long.toString(pid()));
      });
    } catch (IOException e) {
      return process.isAlive();
    }
  }

  /** The fields of /proc/<pid>/stat after the command name: state, ppid, pgrp, ...; null if unreadable. */
  private static String[] statFields(Path procDir) {
    if (!procDir.getFileName().toString().chars().allMatch(Character::isDigit)) {
      return null;
    }
    try {
      String stat = Files.readString(procDir.resolve("stat"));
      // The command name may contain spaces and parentheses: split after its last ')'.
      return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /** The exit code, once exited. */
  public int exitValue() {
    return process.exitValue();
  }

  /** Waits up to {@code millis} for the process to exit; true if it has. */
  public boolean waitFor(long millis) throws InterruptedException {
    return process.waitFor(millis, TimeUnit.MILLISECONDS);
  }

  /** Sends a signal (e.g. INT, TERM, KILL) to the whole process group, or to the process without setsid. */
  public void signalGroup(String signal) {
    run(List.of("kill", "-s", signal, "--", ownGroup ? "-" + pid() : Long.toString(pid())));
  }

  /**
   * Sends a signal to every process of the group but the one launched, which is a wrapper (a sandbox's
   * launcher) that would die of SIGINT and take the kernel with it.
   */
  public void signalGroupBesidesLauncher(String signal) {
    if (!ownGroup) {
      signalGroup(signal);
      return;
    }
    List<String> command = new ArrayList<>(List.of("kill", "-s", signal, "--"));
    try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
      entries.forEach(dir -> {
        String[] fields = statFields(dir);
        String pid = dir.getFileName().toString();
        if (fields != null && fields[2].equals(Long.toString(pid())) && !pid.equals(Long.toString(pid()))) {
          command.add(pid);
        }
      });
    } catch (IOException e) {
      log.warn("cannot list the processes of kernel group {}: {}", pid(), e.getMessage());
      return;
    }
    if (command.size() > 4) {
      run(command);
    }
  }

  private static void run(List<String> kill) {
    try {
      Process process = new ProcessBuilder(kill)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      process.waitFor(5, TimeUnit.SECONDS);
    } catch (IOException e) {
      log.warn("cannot run {}: {}", kill, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The last {@code count} lines the kernel wrote to stdout/stderr. */
  public List<String> lastOutputLines(int count) {
    try {
      // Decoded leniently: a kernel may write any bytes.
      List<String> lines = new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8).lines().toList();
      return List.copyOf(lines.subList(Math.max(0, lines.size() - count), lines.size()));
    } catch (IOException e) {
      return List.of("(cannot read " + logFile + ": " + e.getMessage() + ")");
    }
  }

  public Path logFile() {
    return logFile;
  }
}
