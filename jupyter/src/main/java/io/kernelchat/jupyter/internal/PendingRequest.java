package io.kernelchat.jupyter.internal;

import io.kernelchat.jupyter.KernelDiedException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The messages (from any channel) whose parent is one request, queued by the IO thread for the thread
 * that sent the request; or the kernel's death.
 */
public final class PendingRequest {
  /** What {@link #next} returns when the kernel died: carries the exception to throw. */
  public record Died(KernelDiedException cause) {}

  private final String msgId;
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

  PendingRequest(String msgId) {
    this.msgId = msgId;
  }

  public String msgId() {
    return msgId;
  }

  void deliver(Message message) {
    events.add(message);
  }

  void die(KernelDiedException cause) {
    events.add(new Died(cause));
  }

  /** The next {@link Message} or {@link Died}, or null after {@code timeoutNanos}. */
  public Object next(long timeoutNanos) throws InterruptedException {
    return events.poll(timeoutNanos, TimeUnit.NANOSECONDS);
  }
}
