package io.kernelchat.jupyter.internal;

import io.kernelchat.jupyter.KernelDiedException;
import java.util.ArrayDeque;

/**
 * The messages (from any channel) whose parent is one request, queued for the thread that sent the
 * request by whichever thread received them (often that thread itself); or the kernel's death.
 */
public final class PendingRequest {
  /** What {@link #next} returns when the kernel died: carries the exception to throw. */
  public record Died(KernelDiedException cause) {}

  private final String msgId;
  private final Transport channels;
  /** Guarded by {@code channels}: filled by {@link Transport#deliver}, taken by {@link Transport#await}. */
  private final ArrayDeque<Object> events;

  PendingRequest(String msgId, Transport channels) {
    this.msgId = msgId;
    this.channels = channels;
    this.events = new ArrayDeque<>();
  }

  public String msgId() {
    return msgId;
  }

  void deliver(Message message) {
    channels.deliver(events, message);
  }

  void die(KernelDiedException cause) {
    channels.deliver(events, new Died(cause));
    channels.wakeLeader();
  }

  /**
   * The next {@link Message} or {@link Died}, or null after {@code timeoutNanos} ({@link Long#MAX_VALUE}:
   * no limit); meanwhile the calling thread may receive for every request (see {@link KernelChannels}).
   */
  public Object next(long timeoutNanos) throws InterruptedException {
    return channels.await(events, timeoutNanos);
  }
}
