package io.kernelchat.jupyter.internal;

import io.kernelchat.jupyter.KernelDiedException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Routes each incoming message to the open request that is its parent; others are dropped. */
public final class RequestTracker {
  private final Map<String, PendingRequest> open = new ConcurrentHashMap<>();
  private volatile KernelDiedException death;
  /** The kernel's last {@code execution_state}, from any request's status: busy or not. */
  private volatile boolean busy;

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
    if (message.content() instanceof MessageContents.Status status) {
      busy = "busy".equals(status.executionState());
    }
    String parent = message.parentId();
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

  /** Whether the kernel last said it was busy. */
  public boolean kernelBusy() {
    return busy;
  }

  /** The death reported, or null while the kernel is alive. */
  public KernelDiedException death() {
    return death;
  }
}
