package io.kernelchat.jupyter.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The shell, control, stdin and IOPub sockets. ZMQ sockets are not thread-safe, so a lock guards them: a
 * sending thread sends itself, and receiving is done by the threads that wait for answers, one at a time
 * (leader and followers): the leader receives every message, for itself and for the others, blocking in a
 * selector on the sockets' signal channels; the others wait until their answer is handed to them or the
 * lead is free. So a lone waiter, the usual case, wakes straight from the selector when its answer arrives,
 * with no receiving thread handing it over. While nobody waits, a housekeeping thread takes in stray
 * messages (output printed after a cell ended) every {@value #DRAIN_MILLIS} ms, so they cannot pile up.
 */
public final class KernelChannels implements Transport {
  private static final Logger log = LoggerFactory.getLogger(KernelChannels.class);
  private static final long DRAIN_MILLIS = 250;
  /** A leader re-checks its own queue at least this often, whatever wakes it or fails to. */
  private static final long MAX_SELECT_MILLIS = 1000;

  private record Incoming(Channel channel, List<byte[]> frames) {}

  private final ZContext context;
  private final Map<Channel, ZMQ.Socket> sockets = new EnumMap<>(Channel.class);
  private final Selector selector;
  private final ReentrantLock lock = new ReentrantLock();
  private final BiConsumer<Channel, List<byte[]>> inbound;
  private final Consumer<RuntimeException> onFailure;
  private final Thread drainThread;
  /** Set once the sockets are gone, under {@code lock}; read without it by waiters. */
  private volatile boolean closed;

  /** Guards {@link #leading} and the waiters' queues given to {@link #deliver} and {@link #await}. */
  private final ReentrantLock turns = new ReentrantLock();
  private final Condition changed = turns.newCondition();
  private boolean leading;
  /** Whether the leader's last select saw a signal; only the leader touches it. */
  private boolean selectSawSignal;
  private final List<Incoming> received = new ArrayList<>();

  /**
   * Connects to the kernel. Every received multipart message goes to {@code inbound}, on whichever thread
   * is receiving at the time: it must not block. If the sockets fail, {@code onFailure} hears why, so that
   * nobody waits forever for messages that cannot come.
   */
  public KernelChannels(ZContext context, ConnectionInfo info, BiConsumer<Channel, List<byte[]>> inbound,
                        Consumer<RuntimeException> onFailure) {
    this.context = context;
    this.inbound = inbound;
    this.onFailure = onFailure;
    // stdin must share shell's identity: the kernel routes input_request to the shell requester's id.
    byte[] identity = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
    sockets.put(Channel.SHELL, dealer(identity, info.endpoint(info.shellPort())));
    sockets.put(Channel.STDIN, dealer(identity, info.endpoint(info.stdinPort())));
    sockets.put(Channel.CONTROL, dealer(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII),
        info.endpoint(info.controlPort())));
    ZMQ.Socket iopub = context.createSocket(SocketType.SUB);
    iopub.setLinger(0);
    iopub.subscribe(new byte[0]);
    iopub.connect(info.endpoint(info.iopubPort()));
    sockets.put(Channel.IOPUB, iopub);
    try {
      selector = Selector.open();
      for (ZMQ.Socket socket : sockets.values()) {
        socket.getFD().register(selector, SelectionKey.OP_READ);
      }
    } catch (IOException e) {
      sockets.values().forEach(context::destroySocket);
      throw new UncheckedIOException("cannot watch the kernel's sockets", e);
    }
    drainThread = new Thread(this::drainWhileIdle, "kernel-drain-" + info.shellPort());
    drainThread.setDaemon(true);
    drainThread.start();
  }

  @Override
  public void deliver(ArrayDeque<Object> queue, Object item) {
    turns.lock();
    try {
      queue.add(item);
      changed.signalAll();
    } finally {
      turns.unlock();
    }
  }

  /** Wakes the leader from its selector. */
  @Override
  public void wakeLeader() {
    selector.wakeup();
  }

  /**
   * The next item of {@code queue}, or null after {@code timeoutNanos} ({@link Long#MAX_VALUE}: no limit).
   * While the lead is free, the calling thread takes it and receives for everyone until its own item comes.
   */
  @Override
  public Object await(ArrayDeque<Object> queue, long timeoutNanos) throws InterruptedException {
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

  private ZMQ.Socket dealer(byte[] identity, String endpoint) {
    ZMQ.Socket socket = context.createSocket(SocketType.DEALER);
    socket.setLinger(0);
    socket.setIdentity(identity);
    socket.connect(endpoint);
    return socket;
  }

  /**
   * Sends frames on a channel, on the calling thread; safe from any thread. After {@link #close()} the
   * frames are dropped: the connection's requests have already ended with the kernel's death by then.
   */
  @Override
  public void send(Channel channel, List<byte[]> frames) {
    if (channel == Channel.IOPUB) {
      throw new IllegalArgumentException("IOPub is receive-only");
    }
    lock.lock();
    try {
      if (closed) {
        return;
      }
      ZMQ.Socket socket = sockets.get(channel);
      for (int i = 0; i < frames.size(); i++) {
        socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
      }
      // A send also takes in the socket's pending commands, and with them the signal that a message
      // arrived: a leader in the selector would sleep on a message it was never told about.
      if ((socket.getEvents() & ZMQ.Poller.POLLIN) != 0) {
        selector.wakeup();
      }
    } catch (RuntimeException e) {
      log.error("failed to send on {}", channel, e);
      onFailure.accept(e);
    } finally {
      lock.unlock();
    }
  }

  /**
   * One turn of the leader: dispatches every message waiting on the sockets; when there was none, sleeps
   * in the selector until one arrives (at most {@code timeoutNanos}, 0 for no sleep) without receiving it.
   */
  private void receive(long timeoutNanos) {
    try {
      lock.lock();
      try {
        if (closed) {
          return;
        }
        // Receiving until a socket is empty also clears its signal, so a select sleeps until the next
        // message (or command) arrives.
        sockets.forEach((channel, socket) -> receiveAll(channel, socket, received));
      } finally {
        lock.unlock();
      }
      if (!received.isEmpty()) {
        selectSawSignal = false;
        for (Incoming message : received) {
          dispatch(message);
        }
        received.clear();
        return;
      }
      if (selectSawSignal) {
        // A signal with nothing to receive: JeroMQ's IO thread wrote its signal byte but was preempted
        // (often by this thread) before counting it, so the socket cannot see it yet while the selector
        // does. Without a yield, receiving spins, hundreds of times a cell, on the core the writer needs.
        Thread.yield();
      }
      if (timeoutNanos > 0) {
        long millis = Math.min(MAX_SELECT_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(timeoutNanos)));
        selectSawSignal = selector.select(millis) > 0;
        selector.selectedKeys().clear();
      }
    } catch (IOException | RuntimeException e) {
      received.clear();
      if (!closed) {
        log.error("receiving from the kernel failed", e);
        onFailure.accept(e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e));
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

  private static void receiveAll(Channel channel, ZMQ.Socket socket, List<Incoming> into) {
    byte[] first;
    while ((first = socket.recv(ZMQ.DONTWAIT)) != null) {
      List<byte[]> frames = new ArrayList<>();
      frames.add(first);
      while (socket.hasReceiveMore()) {
        frames.add(socket.recv(0));
      }
      into.add(new Incoming(channel, frames));
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
  public void close() {
    lock.lock();
    try {
      closed = true;
      sockets.values().forEach(context::destroySocket);
    } finally {
      lock.unlock();
    }
    drainThread.interrupt();
    selector.wakeup();
    turns.lock();
    try {
      changed.signalAll();
    } finally {
      turns.unlock();
    }
    try {
      drainThread.join(2000);
      selector.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      log.debug("closing the selector failed", e);
    }
  }
}
