package io.kernelchat.server.kernels;

import io.kernelchat.jupyter.JupyterServer;
import io.kernelchat.jupyter.JupyterServerException;
import io.kernelchat.server.store.KernelProcessRepository;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kernels a previous server started and never shut down (it was killed with -9). Their process groups are
 * in the store; each one still alive and still a kernel (the pid may have been reused) is killed. So are their
 * ids on a Jupyter Server, whose kernels the server is asked to delete.
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

  /**
   * Asks {@code server} to delete the kernels a previous server left there, in the background (a server that does
   * not answer must not hold up the start); those it cannot be asked about now are kept for the next start.
   */
  void deleteAllOn(JupyterServer server) {
    String name = server.options().describe();
    List<String> left = processes.remote(name);
    if (left.isEmpty()) {
      return;
    }
    Thread deleting = new Thread(() -> {
      for (String id : left) {
        try {
          server.deleteKernel(id);
          log.info("deleted kernel {} left on {} by a previous server", id, name);
          processes.removeRemote(name, id);
        } catch (JupyterServerException e) {
          log.warn("could not delete kernel {} left on {} by a previous server (tried again at the next start): {}",
              id, name, e.getMessage());
        }
      }
    }, "leftover-remote-kernels");
    deleting.setDaemon(true);
    deleting.start();
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
