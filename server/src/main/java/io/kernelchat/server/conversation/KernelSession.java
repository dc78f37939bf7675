package io.kernelchat.server.conversation;

import io.kernelchat.jupyter.KernelClient;
import io.kernelchat.jupyter.KernelDiedException;
import io.kernelchat.jupyter.KernelLaunchOptions;
import io.kernelchat.jupyter.KernelLifecycleListener;
import io.kernelchat.jupyter.KernelManager;
import io.kernelchat.jupyter.KernelSpec;
import io.kernelchat.server.store.KernelProcessRepository;
import io.kernelchat.server.store.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

/**
 * A conversation's kernel: started on first use in the workspace, counted against the machine-wide limit,
 * its process group recorded in the store (so a server killed with -9 can clean up at the next start),
 * restarted when it dies, and shut down when idle or when the conversation goes.
 */
final class KernelSession {
  /** What the conversation hears about its kernel. */
  interface Listener {
    void status(String status);

    void died(KernelDiedException cause);
  }

  private final String conversationId;
  private final Supplier<KernelSpec> spec;
  private final Path workingDirectory;
  private final Path logFile;
  private final Semaphore slots;
  private final int maxKernels;
  private final KernelProcessRepository processes;
  private final Map<String, String> environment;
  private final Listener listener;
  private KernelManager manager;
  private long recordedPid = -1;
  private boolean restartPending;
  private volatile long lastUsed = System.nanoTime();
  private volatile String status = "stopped";

  KernelSession(String conversationId, Supplier<KernelSpec> spec, Path workingDirectory, Path logFile, Semaphore slots,
                int maxKernels, KernelProcessRepository processes, Map<String, String> environment, Listener listener) {
    this.conversationId = conversationId;
    this.spec = spec;
    this.workingDirectory = workingDirectory;
    this.logFile = logFile;
    this.slots = slots;
    this.maxKernels = maxKernels;
    this.processes = processes;
    this.environment = environment;
    this.listener = listener;
  }

  /** The client of a running kernel, starting one if needed; unavailable:kernel_limit when the machine is full. */
  synchronized KernelClient client() {
    lastUsed = System.nanoTime();
    if (manager == null) {
      if (!slots.tryAcquire()) {
        throw new ConversationException("unavailable:kernel_limit", maxKernels + " kernels are running, the"
            + " configured limit (--max-kernels). Stop one by deleting its conversation, or wait for idle ones to close.");
      }
      try {
        setStatus("starting");
        manager = startKernel();
      } catch (RuntimeException e) {
        slots.release();
        setStatus("dead");
        throw e;
      }
      manager.addListener(new KernelLifecycleListener() {
        @Override
        public void onDied(KernelDiedException cause) {
          synchronized (KernelSession.this) {
            restartPending = true;
          }
          setStatus("dead");
          listener.died(cause);
        }

        @Override
        public void onRestarted() {
          recordPid();
          setStatus("idle");
        }
      });
      recordPid();
      setStatus("idle");
    } else if (restartPending) {
      restartNow();   // the kernel died and its restart has not run yet: a cell must not meet the dead one
    }
    return manager.client();
  }

  private KernelManager startKernel() {
    try {
      OwnerOnly.file(logFile);   // the kernel appends to it, and keeps what it finds
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the kernel log " + logFile + ": " + e.getMessage(), e);
    }
    return KernelManager.start(spec.get(), KernelLaunchOptions.builder().workingDirectory(workingDirectory)
        .environment(environment).logFile(logFile).startupTimeout(Duration.ofSeconds(60)).build());
  }

  synchronized boolean isStarted() {
    return manager != null;
  }

  void interrupt() {
    KernelManager m = current();
    if (m != null) {
      m.interrupt();
    }
  }

  /** A fresh process with the same working directory; its variables are gone, its files stay. */
  synchronized void restart() {
    if (manager != null) {
      restartNow();
    }
  }

  /** Restarts a kernel that died, unless a cell already did. */
  synchronized void restartIfDied() {
    if (manager != null && restartPending) {
      restartNow();
    }
  }

  private void restartNow() {
    restartPending = false;
    setStatus("restarting");
    try {
      manager.restart();
    } catch (RuntimeException e) {
      restartPending = true;
      setStatus("dead");
      throw e;
    }
    recordPid();
    setStatus("idle");
  }

  synchronized void shutdown() {
    if (manager == null) {
      return;
    }
    try {
      manager.shutdown();
    } finally {
      manager = null;
      restartPending = false;
      if (recordedPid >= 0) {
        processes.remove(recordedPid);
        recordedPid = -1;
      }
      slots.release();
      setStatus("stopped");
    }
  }

  boolean idleLongerThan(Duration idle) {
    return System.nanoTime() - lastUsed > idle.toNanos();
  }

  void touch() {
    lastUsed = System.nanoTime();
  }

  String status() {
    return status;
  }

  void setStatus(String value) {
    if (!value.equals(status)) {
      status = value;
      listener.status(value);
    }
  }

  private synchronized KernelManager current() {
    return manager;
  }

  private synchronized void recordPid() {
    if (manager == null) {
      return;
    }
    long pid = manager.pid();
    if (pid != recordedPid) {
      if (recordedPid >= 0) {
        processes.remove(recordedPid);
      }
      processes.record(pid, conversationId, System.currentTimeMillis());
      recordedPid = pid;
    }
  }
}
