package io.kernelchat.jupyter.internal;

import io.kernelchat.jupyter.KernelDiedException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Routes each incoming message to the open request that is its parent; others are dropped. */
public final class RequestTracker {
  private final Map<String, PendingRequest> open = new ConcurrentHashMap<>();
  private volatile KernelDiedException death;
  /** The kernel's last {@code execution_state}, from any request's status: busy or not. */
  private volatile boolean busy;
  /** An action waiting for the kernel to start on one of these requests. */
  private record Armed(Set<String> requests, Runnable action) {}

  private final AtomicReference<Armed> armed = new AtomicReference<>();
  /**
   * From the busy status to the cell's code running, the time the kernel takes to put in its SIGINT handler
   * (ipykernel ignores SIGINT until then).
   */
  private static final long ARMED_DELAY_MILLIS = 20;

  /**
   * Opens a request before it is sent on {@code channels}, so no answer can slip past. Fails at once if the
   * kernel died.
   */
  public PendingRequest open(String msgId, Transport channels) {
    PendingRequest pending = new PendingRequest(msgId, channels);
    open.put(msgId, pending);
    KernelDiedException dead = death;
    if (dead != null) {
      pending.die(dead);
    }
    return pending;
  }

  /** Stops routing to this request; later messages for it are dropped. */
  public void close(PendingRequest pending) {
    open.remove(pending.msgId());
  }

  /** Called by the receiving thread for every verified message. */
  public void route(Message message) {
    String parent = message.parentId();
    if (message.content() instanceof MessageContents.Status status) {
      busy = "busy".equals(status.executionState());
      Armed waiting = armed.get();
      if (busy && waiting != null && waiting.requests().contains(parent) && armed.compareAndSet(waiting, null)) {
        CompletableFuture.runAsync(waiting.action(),
            CompletableFuture.delayedExecutor(ARMED_DELAY_MILLIS, TimeUnit.MILLISECONDS));
      }
    }
    if (parent != null) {
      PendingRequest pending = open.get(parent);
      if (pending != null) {
        pending.deliver(message);
      }
    }
  }

  /**
   * Ends every open request, and every later one, with this death. Only the first death counts: returns
   * whether this was it.
   */
  public boolean kernelDied(KernelDiedException cause) {
    synchronized (this) {
      if (death != null) {
        return false;
      }
      death = cause;
    }
    open.values().forEach(p -> p.die(cause));
    return true;
  }

  /**
   * Runs {@code action} once the kernel says it is busy with one of the requests open now, shortly after (off
   * the receiving thread); false, doing nothing, when it is busy already or nothing is open: then act now.
   * For a SIGINT: a kernel ignores it while its execute_request still waits in the queue, so one sent then
   * (a stop pressed the moment a cell was sent, or on a loaded machine) would be lost. Replaces any earlier one.
   */
  public boolean whenBusyWithOpen(Runnable action) {
    if (busy || open.isEmpty()) {
      return false;
    }
    Armed waiting = new Armed(Set.copyOf(open.keySet()), action);
    armed.set(waiting);
    // The status may have come in between: then it is now, unless the receiving thread took it already.
    return !busy || !armed.compareAndSet(waiting, null);
  }

  /** Whether the kernel last said it was busy. */
  public boolean kernelBusy() {
    return busy;
  }

  /** The death reported, or null while the kernel is alive. */
  public KernelDiedException death() {
    return death;
  }
}
