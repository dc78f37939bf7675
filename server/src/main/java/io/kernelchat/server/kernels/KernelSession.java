package io.kernelchat.server.kernels;

import io.kernelchat.jupyter.Kernel;
import io.kernelchat.jupyter.KernelClient;
import io.kernelchat.jupyter.KernelDiedException;
import io.kernelchat.jupyter.KernelException;
import io.kernelchat.jupyter.KernelLifecycleListener;
import io.kernelchat.jupyter.KernelManager;
import io.kernelchat.jupyter.KernelSpec;
import io.kernelchat.jupyter.RemoteKernel;
import io.kernelchat.server.store.KernelProcessRepository;
import io.kernelchat.server.store.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A conversation's kernel: started on first use in the workspace (taken from the pool when one is ready),
 * holding one of the kernel slots, its process group (or, on a gateway, its id there) recorded in the store (so a
 * server killed with -9 can clean up at the next start), restarted when it dies, stopped when idle, when another
 * conversation needs its slot, or when the conversation goes.
 */
public final class KernelSession {
  /** What the conversation hears about its kernel. */
  public interface Listener {
    void status(String status);

    void died(KernelDiedException cause);

    /** The kernel was stopped for another conversation's sake; it starts again when next needed. */
    default void evicted(String reason) {}
  }

  private static final Logger log = LoggerFactory.getLogger(KernelSession.class);
  private final String conversationId;
  private final Supplier<KernelSpec> spec;
  private final KernelProvisioner provisioner;
  private final Supplier<KernelPlacement> placement;
  private final KernelSlots slots;
  private final Optional<KernelPool> pool;
  private final KernelProcessRepository processes;
  private final Listener listener;
  /** Volatile: other sessions look for an idle one to evict without taking this one's lock. */
  private volatile Kernel manager;
  private long recordedPid = -1;
  /** The id of the kernel recorded as started on the gateway, when this session's kernels run there. */
  private String recordedRemoteId;
  private boolean restartPending;
  private volatile long lastUsed = System.nanoTime();
  private volatile String status = "stopped";
  private volatile String stopReason;
  /** The running kernel's {@code language_info}, asked when it started (a busy kernel answers only once idle). */
  private volatile Map<String, Object> languageInfo = Map.of();

  KernelSession(String conversationId, Supplier<KernelSpec> spec, KernelProvisioner provisioner,
                Supplier<KernelPlacement> placement, KernelSlots slots, Optional<KernelPool> pool,
                KernelProcessRepository processes, Listener listener) {
    this.conversationId = conversationId;
    this.spec = spec;
    this.provisioner = provisioner;
    this.placement = placement;
    this.slots = slots;
    this.pool = pool;
    this.processes = processes;
    this.listener = listener;
  }

  /**
   * The client of a running kernel, starting one if needed (making room if the machine is full);
   * unavailable:kernel_limit when every kernel is busy.
   */
  public synchronized KernelClient client() {
    lastUsed = System.nanoTime();
    if (manager == null) {
      setStatus("starting");
      try {
        manager = startKernel();
      } catch (RuntimeException e) {
        setStatus("dead");
        throw e;
      }
      slots.register(this);
      recordKernel();
      // Used from now, not from when the start began: waiting for a pool kernel or a cold start can take
      // longer than a short idle timeout, and the kernel must not be culled before its first cell.
      lastUsed = System.nanoTime();
      setStatus("idle");
    } else if (restartPending) {
      restartNow();   // the kernel died and its restart has not run yet: a cell must not meet the dead one
    }
    return manager.client();
  }

  /** A ready kernel in the workspace, holding a slot: a pool kernel adopted, else a fresh one. */
  private Kernel startKernel() {
    KernelPlacement where = placement.get();
    KernelSpec wanted = spec.get();
    Kernel started = null;
    // Pool kernels have no network, and run the default kernelspec: a conversation that has a network or another
    // kernelspec needs its own.
    if (pool.isPresent() && !where.network()) {
      Optional<PooledKernel> pooled = pool.get().take(wanted);
      if (pooled.isPresent()) {
        if (pooled.get().adoptInto(where.workspace(), where.logFile())) {
          started = pooled.get().manager();
        } else {
          pooled.get().manager().shutdown();
          slots.release();
        }
      }
    }
    if (started == null) {
      slots.acquire(this);
      try {
        if (where.serverDirectory().isEmpty()) {
          OwnerOnly.file(where.logFile());   // the kernel appends to it, and keeps what it finds
        }   // a remote kernel's output is logged by its server
        started = provisioner.start(wanted, where);
      } catch (IOException e) {
        slots.release();
        throw new UncheckedIOException("cannot create the kernel log " + where.logFile() + ": " + e.getMessage(), e);
      } catch (RuntimeException e) {
        slots.release();
        throw e;
      }
    }
    started.addListener(new KernelLifecycleListener() {
      @Override
      public void onDied(KernelDiedException cause) {
        synchronized (KernelSession.this) {
          restartPending = true;
        }
        setStatus("dead");
        listener.died(cause);
      }
    });
    stopReason = null;
    languageInfo = askLanguageInfo(started);
    return started;
  }

  private Map<String, Object> askLanguageInfo(Kernel started) {
    try {
      return started.client().kernelInfo().languageInfo();
    } catch (KernelException e) {
      log.debug("kernel of conversation {} did not say its language_info: {}", conversationId, e.getMessage());
      return Map.of();
    }
  }

  /** The {@code language_info} of the kernel running now or last, as it sent it; empty before the first start. */
  public Map<String, Object> languageInfo() {
    return languageInfo;
  }

  /** Whether this session's kernels are confined: {@code "on"} or {@code "off"}. */
  public String sandbox() {
    return provisioner.sandbox();
  }

  public synchronized boolean isStarted() {
    return manager != null;
  }

  public void interrupt() {
    Kernel m = current();
    if (m != null) {
      m.interrupt();
    }
  }

  /** A fresh kernel (from the pool when one is ready) in the same workspace: variables gone, files kept. */
  public synchronized void restart() {
    if (manager != null) {
      restartNow();
    }
  }

  /** Restarts a kernel that died, unless a cell already did. */
  public synchronized void restartIfDied() {
    if (manager != null && restartPending) {
      restartNow();
    }
  }

  private void restartNow() {
    restartPending = false;
    setStatus("restarting");
    stopKernel();
    try {
      manager = startKernel();
    } catch (RuntimeException e) {
      setStatus("dead");
      throw e;
    }
    recordKernel();
    lastUsed = System.nanoTime();
    setStatus("idle");
  }

  /** Stops the kernel (idle, or the conversation goes); it starts again when next needed. */
  public synchronized void shutdown() {
    if (manager != null) {
      stopKernel();
      setStatus("stopped");
    }
    slots.forget(this);
  }

  /** Stops an idle kernel so another conversation can have its slot; false if it is in use after all. */
  synchronized boolean evict(String reason) {
    if (!isIdleAndStarted()) {
      return false;
    }
    stopKernel();
    stopReason = "evicted";
    setStatus("stopped");
    listener.evicted(reason);
    return true;
  }

  private void stopKernel() {
    try {
      manager.shutdown();
    } finally {
      manager = null;
      restartPending = false;
      if (recordedPid >= 0) {
        processes.remove(recordedPid);
        recordedPid = -1;
      }
      if (recordedRemoteId != null) {
        processes.removeRemote(gatewayName(), recordedRemoteId);
        recordedRemoteId = null;
      }
      slots.release();
    }
  }

  boolean isIdleAndStarted() {
    return manager != null && status.equals("idle");
  }

  long lastUsed() {
    return lastUsed;
  }

  public boolean idleLongerThan(Duration idle) {
    return System.nanoTime() - lastUsed > idle.toNanos();
  }

  public void touch() {
    lastUsed = System.nanoTime();
  }

  public String status() {
    return status;
  }

  /** Why the kernel is stopped, when it is: {@code "evicted"} (its slot went to another conversation) or null. */
  public String stopReason() {
    return status.equals("stopped") ? stopReason : null;
  }

  public void setStatus(String value) {
    if (!value.equals(status)) {
      status = value;
      listener.status(value);
    }
  }

  private synchronized Kernel current() {
    return manager;
  }

  /**
   * Records the kernel so a next start can stop it if this server is killed with -9: a process group here, an id
   * on the gateway.
   */
  private synchronized void recordKernel() {
    if (manager instanceof RemoteKernel remote) {
      if (!remote.id().equals(recordedRemoteId)) {
        if (recordedRemoteId != null) {
          processes.removeRemote(gatewayName(), recordedRemoteId);
        }
        processes.recordRemote(gatewayName(), remote.id(), conversationId, System.currentTimeMillis());
        recordedRemoteId = remote.id();
      }
      return;
    }
    if (!(manager instanceof KernelManager local)) {
      return;
    }
    long pid = local.pid();
    if (pid != recordedPid) {
      if (recordedPid >= 0) {
        processes.remove(recordedPid);
      }
      processes.record(pid, conversationId, System.currentTimeMillis());
      recordedPid = pid;
    }
  }

  private String gatewayName() {
    return ((RemoteProvisioner) provisioner).server().options().describe();
  }
}
