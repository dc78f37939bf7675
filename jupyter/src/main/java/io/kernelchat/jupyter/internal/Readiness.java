package io.kernelchat.jupyter.internal;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits for a starting kernel: repeats {@code kernel_info_request} until an IOPub message for one arrives.
 * IOPub subscriptions join late, so a reply on shell alone does not mean outputs will be seen.
 */
public final class Readiness {
  private static final long RETRY_NANOS = Duration.ofMillis(250).toNanos();

  /** Why the kernel is not ready. */
  public enum Outcome { READY, EXITED, TIMED_OUT }

  private Readiness() {}

  /** {@code alive} says whether the kernel still runs (a local process, or a remote kernel its server still has). */
  public static Outcome await(KernelConnection connection, BooleanSupplier alive, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (!alive.getAsBoolean()) {
        return Outcome.EXITED;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return Outcome.TIMED_OUT;
      }
      PendingRequest pending = connection.send(Channel.SHELL, new MessageContents.KernelInfoRequest());
      try {
        long attemptEnd = System.nanoTime() + Math.min(left, RETRY_NANOS);
        long wait;
        while ((wait = attemptEnd - System.nanoTime()) > 0) {
          Object event = pending.next(wait);
          if (event instanceof PendingRequest.Died) {
            return Outcome.EXITED;
          }
          // Status messages only travel on IOPub: one for our request means IOPub is connected.
          if (event instanceof Message m && m.content() instanceof MessageContents.Status) {
            return Outcome.READY;
          }
        }
      } finally {
        connection.done(pending);
      }
    }
  }
}
