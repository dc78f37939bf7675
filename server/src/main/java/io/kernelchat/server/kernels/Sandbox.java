package io.kernelchat.server.kernels;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Whether kernels are confined on this machine, decided once at start: by {@code --sandbox}, and in
 * {@code auto} and {@code required} by a probe launch of bubblewrap with the namespaces a kernel gets (it
 * fails where user namespaces are not allowed, e.g. in some containers or under Ubuntu's AppArmor rule).
 *
 * @param on whether kernels run in the sandbox
 * @param reason why not, with what to do, when off; a description of the sandbox when on
 */
public record Sandbox(boolean on, String reason) {
  /** The namespaces and limits a kernel gets, around {@code true}; bubblewrap's path goes first. */
  private static final List<String> PROBE = List.of("--unshare-user",
      "--unshare-pid", "--unshare-ipc", "--unshare-uts", "--unshare-net", "--unshare-cgroup-try", "--die-with-parent",
      "--cap-drop", "ALL", "--ro-bind", "/usr", "/usr", "--symlink", "usr/bin", "/bin", "--symlink", "usr/lib", "/lib",
      "--symlink", "usr/lib64", "/lib64", "--proc", "/proc", "--dev", "/dev", "--tmpfs", "/tmp", "--",
      SandboxPolicy.PRLIMIT.toString(), "--nproc=64", "--", "/usr/bin/true");

  /** The decision for {@code mode} on this machine. */
  public static Sandbox decide(SandboxMode mode) {
    return decide(mode, SandboxPolicy.BWRAP);
  }

  /** As {@link #decide(SandboxMode)}, with bubblewrap looked for at {@code bwrap} (tests choose it). */
  static Sandbox decide(SandboxMode mode, Path bwrap) {
    if (mode == SandboxMode.OFF) {
      return new Sandbox(false, "turned off (--sandbox off): kernel code runs with your full authority");
    }
    String problem = probe(bwrap);
    if (problem == null) {
      return new Sandbox(true, "bubblewrap: own file system view, PID namespace and limits");
    }
    return new Sandbox(false, "bubblewrap cannot confine kernels here: " + problem
        + ". Install bubblewrap (apt-get install bubblewrap) and allow unprivileged user namespaces"
        + " (Ubuntu 24.04+: an AppArmor profile for bwrap, or sysctl kernel.apparmor_restrict_unprivileged_userns=0),"
        + " or run with --sandbox off to accept unconfined kernels");
  }

  private static String probe(Path bwrap) {
    if (!Files.isExecutable(bwrap)) {
      return bwrap + " is not installed";
    }
    if (!Files.isExecutable(SandboxPolicy.PRLIMIT)) {
      return SandboxPolicy.PRLIMIT + " (util-linux) is not installed";
    }
    try {
      List<String> command = new java.util.ArrayList<>(List.of(bwrap.toString()));
      command.addAll(PROBE);
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getOutputStream().close();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "a probe launch did not finish within 20 s";
      }
      return p.exitValue() == 0 ? null : "a probe launch failed: " + (out.isEmpty() ? "exit " + p.exitValue() : out);
    } catch (IOException e) {
      return "a probe launch failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted while probing";
    }
  }

  /** As the API says it. */
  public String state() {
    return on ? "on" : "off";
  }
}
