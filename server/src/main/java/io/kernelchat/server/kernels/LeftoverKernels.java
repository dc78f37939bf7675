package io.kernelchat.server.kernels;

import io.kernelchat.server.store.KernelProcessRepository;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kernels a previous server started and never shut down (it was killed with -9). Their process groups are
 * in the store; each one still alive and still a kernel (the pid may have been reused) is killed.
 */
final class LeftoverKernels {
  private static final Logger log = LoggerFactory.getLogger(LeftoverKernels.class);
  private final KernelProcessRepository processes;

  LeftoverKernels(KernelProcessRepository processes) {
    this.processes = processes;
  }

  void killAll() {
    for (long pid : processes.all()) {
      Optional<ProcessHandle> process = ProcessHandle.of(pid);
      if (process.isPresent() && looksLikeAKernel(process.get())) {
        log.info("killing kernel process group {} left by a previous server", pid);
        killGroup(pid);
      }
      processes.remove(pid);
    }
  }

  private static boolean looksLikeAKernel(ProcessHandle process) {
    return process.info().commandLine().map(c -> c.contains("kernel")).orElse(true);
  }

  private static void killGroup(long pgid) {
    try {
      Process kill = new ProcessBuilder("kill", "-KILL", "--", "-" + pgid).redirectErrorStream(true).start();
      kill.getInputStream().readAllBytes();
      kill.waitFor();
    } catch (IOException e) {
      ProcessHandle.of(pgid).ifPresent(ProcessHandle::destroyForcibly);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
