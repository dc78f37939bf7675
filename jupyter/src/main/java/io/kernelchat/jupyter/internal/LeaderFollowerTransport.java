package io.kernelchat.jupyter.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Selector;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sockets of a local kernel, received by the threads that wait for answers, one at a time (leader and followers): the leader receives
 * every message, for itself and for the others, blocking in its sockets' selector; the others wait until
 * their answer is handed to them or the lead is free. So a lone waiter, the usual case, wakes straight from
 * the selector when its answer arrives, with no receiving thread handing it over. While nobody waits, a
 * housekeeping thread takes in stray messages (output printed after a cell ended) every
 * {@value #DRAIN_MILLIS} ms, so they cannot pile up. Subclasses own the sockets: how to take in what has
 * arrived and how to sleep until more does.
 */
abstract class LeaderFollowerTransport implements Transport {
  private static final Logger log = LoggerFactory.getLogger(LeaderFollowerTransport.class);
  private static final long DRAIN_MILLIS = 250;
  /** A leader re-checks its own queue at least this often, whatever wakes it or fails to. */
  static final long MAX_SELECT_MILLIS = 1000;

  /** One received multipart message. */
  record Incoming(Channel channel, List<byte[]> frames) {}

  private final BiConsumer<Channel, List<byte[]>> inbound;
  private final Consumer<RuntimeException> onFailure;
  /** What the leader sleeps in; the subclass registers its sockets' channels with it. */
  protected final Selector selector;
  private Thread drainThread;
  /** Set once the sockets are gone; read without a lock by waiters. */
  protected volatile boolean closed;

  /** Guards {@link #leading} and the waiters' queues given to {@link #deliver} and {@link #await}. */
  private final ReentrantLock turns = new ReentrantLock();
  private final Condition changed = turns.newCondition();
  private boolean leading;
  private final List<Incoming> received = new ArrayList<>();

  /**
   * Every received multipart message goes to {@code inbound}, on whichever thread receives it: it must not
   * block. If the sockets fail, {@code onFailure} hears why, so that nobody waits forever for messages that
   * cannot come.
   */
  LeaderFollowerTransport(BiConsumer<Channel, List<byte[]>> inbound, Consumer<RuntimeException> onFailure) {
    this.inbound = inbound;
    this.onFailure = onFailure;
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot watch the kernel's sockets", e);
    }
  }

  /** Starts the housekeeping thread; call once the sockets exist. */
  final void startDraining(String name) {
    drainThread = new Thread(this::drainWhileIdle, name);
    drainThread.setDaemon(true);
    drainThread.start();
  }

  /** Adds to {@code into} every message that has arrived, without blocking; only the leader calls it. */
  abstract void takeIn(List<Incoming> into) throws IOException;

  /**
   * After a turn that took in nothing: sleeps until something may have arrived, a wake-up, or {@code millis}
   * (0: not at all); only the leader calls it.
   */
  abstract void sleep(long millis) throws IOException;

  /** Tells the owner that the sockets failed. */
  final void failed(RuntimeException e) {
    onFailure.accept(e);
  }

  /** Releases the sockets; the leader may be asleep in {@link #sleep} and is woken after. */
  abstract void closeSockets();

  /** Wakes the leader from its selector. */
  @Override
  public final void wakeLeader() {
    selector.wakeup();
  }

  @Override
  public final void deliver(ArrayDeque<Object> queue, Object item) {
    turns.lock();
    try {
      queue.add(item);
      changed.signalAll();
    } finally {
      turns.unlock();
    }
  }

  /**
   * The next item of {@code queue}, or null after {@code timeoutNanos} ({@link Long#MAX_VALUE}: no limit).
   * While the lead is free, the calling thread takes it and receives for everyone until its own item comes.
   */
  @Override
  public final Object await(ArrayDeque<Object> queue, long timeoutNanos) throws InterruptedException {
    long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
    turns.lockInterruptibly();
    try {
      while (true) {
        Object item = queue.poll();
        if (item != null) {
          return item;
        }
        long left = deadline == Long.MAX_VALUE ? Long.MAX_VALUE : deadline - System.nanoTime();
        if (left <= 0) {
          return null;
        }
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
        if (leading || closed) {
          changed.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(MAX_SELECT_MILLIS)));
        } else {
          lead(left);
        }
      }
    } finally {
      turns.unlock();
    }
  }

  /** One turn at receiving, by a thread that holds {@code turns} while nobody leads. */
  private void lead(long timeoutNanos) {
    leading = true;
    turns.unlock();
    try {
      receive(timeoutNanos);
    } finally {
      turns.lock();
      leading = false;
      changed.signalAll();   // a follower may take the lead, or find its answer
    }
  }

  /**
   * One turn of the leader: dispatches every message waiting on the sockets; when there was none, sleeps
   * until one arrives (at most {@code timeoutNanos}, 0 for no sleep) without receiving it.
   */
  private void receive(long timeoutNanos) {
    try {
      if (closed) {
        return;
      }
      takeIn(received);
      if (!received.isEmpty()) {
        for (Incoming message : received) {
          dispatch(message);
        }
        received.clear();
        return;
      }
      sleep(timeoutNanos <= 0 ? 0
          : Math.min(MAX_SELECT_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos))));
    } catch (IOException | RuntimeException e) {
      received.clear();
      if (!closed) {
        log.error("receiving from the kernel failed", e);
        failed(e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e));
      }
    }
  }

  /** Takes in stray messages whenever nobody is receiving, so they are dropped rather than piling up. */
  private void drainWhileIdle() {
    while (!closed) {
      try {
        Thread.sleep(DRAIN_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      turns.lock();
      try {
        if (!leading) {
          lead(0);
        }
      } finally {
        turns.unlock();
      }
    }
  }

  private void dispatch(Incoming message) {
    try {
      inbound.accept(message.channel(), message.frames());
    } catch (RuntimeException e) {
      log.error("failed to handle a {} message", message.channel(), e);
    }
  }

  /** Closes the sockets and wakes every waiter (their requests have ended with the kernel's death). */
  @Override
  public final void close() {
    closeSockets();
    if (drainThread != null) {
      drainThread.interrupt();
    }
    wakeLeader();
    turns.lock();
    try {
      changed.signalAll();
    } finally {
      turns.unlock();
    }
    try {
      if (drainThread != null) {
        drainThread.join(2000);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      selector.close();
    } catch (IOException e) {
      log.debug("closing the selector failed", e);
    }
  }
}
