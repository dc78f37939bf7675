package io.kernelchat.jupyter.internal;

import io.kernelchat.jupyter.KernelException;
import java.time.Duration;

/** Sends a request and waits for its {@code *_reply}, ignoring the IOPub traffic it causes. */
public final class RequestReply {
  private RequestReply() {}

  /** The reply's content, typed as {@link MessageContents} says. */
  public static <T> T call(KernelConnection connection, Channel channel, Object content, Class<T> replyType,
                           Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    PendingRequest pending = connection.send(channel, content);
    try {
      while (true) {
        long wait = deadline - System.nanoTime();
        Object event = wait > 0 ? pending.next(wait) : null;
        if (event == null) {
          throw new KernelException("no reply to " + MessageContents.msgTypeOf(content) + " within "
              + timeout.toMillis() + " ms");
        }
        if (event instanceof PendingRequest.Died died) {
          throw died.cause();
        }
        Object reply = ((Message) event).content();
        if (replyType.isInstance(reply)) {
          return replyType.cast(reply);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new KernelException("interrupted while waiting for the kernel");
    } finally {
      connection.done(pending);
    }
  }
}
