package io.kernelchat.jupyter.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * Pings the kernel's heartbeat port on its own thread and reports once when several pings in a row go
 * unanswered while the kernel is not busy. ipykernel answers from a native thread, busy or not; IRkernel
 * answers from its one R thread, so not while it runs code: a busy kernel that does not answer is not taken
 * for dead (jupyter_client never takes a missed heartbeat for a death; the execution timeout covers a kernel
 * that hangs while busy).
 */
public final class Heartbeat implements AutoCloseable {
  static final Duration INTERVAL = Duration.ofMillis(250);
  static final Duration REPLY_TIMEOUT = Duration.ofMillis(1500);
  static final int MISSES_BEFORE_DEAD = 3;
  /** How long one receive waits, so that close() is quick. */
  private static final long SLICE_MILLIS = 100;
  private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

  private final Supplier<Pinger> connect;
  private final BooleanSupplier busy;
  private final Runnable onLost;
  private final Thread thread;
  private volatile boolean running = true;

  /** A REQ socket to the kernel's heartbeat: one ping at a time, and a new socket after a missed one. */
  private interface Pinger extends AutoCloseable {
    void send(byte[] ping);

    /** The echo, or null if none came within a short slice. */
    byte[] receive();

    @Override
    void close();
  }

  private Heartbeat(Supplier<Pinger> connect, String name, BooleanSupplier busy, Runnable onLost) {
    this.connect = connect;
    this.busy = busy;
    this.onLost = onLost;
    this.thread = new Thread(this::run, "kernel-heartbeat-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts pinging a kernel on loopback TCP; {@code onLost} runs at most once, on the heartbeat thread. */
  public static Heartbeat overZeroMq(ZContext context, ConnectionInfo info, BooleanSupplier busy, Runnable onLost) {
    String endpoint = info.endpoint(info.hbPort());
    return new Heartbeat(() -> {
      ZMQ.Socket socket = context.createSocket(SocketType.REQ);
      socket.setLinger(0);
      socket.setReceiveTimeOut((int) SLICE_MILLIS);
      socket.connect(endpoint);
      return new Pinger() {
        @Override
        public void send(byte[] ping) {
          socket.send(ping, 0);
        }

        @Override
        public byte[] receive() {
          return socket.recv(0);
        }

        @Override
        public void close() {
          context.destroySocket(socket);
        }
      };
    }, String.valueOf(info.hbPort()), busy, onLost);
  }

  /** Starts pinging a kernel's ipc heartbeat socket (see {@link ZmtpSocket}); {@code onLost} as above. */
  public static Heartbeat overUnixSocket(ConnectionInfo info, BooleanSupplier busy, Runnable onLost) {
    return new Heartbeat(() -> new Pinger() {
      private ZmtpSocket socket;

      @Override
      public void send(byte[] ping) {
        try {
          if (socket == null) {
            socket = ZmtpSocket.connect(info.ipcSocket(info.hbPort()), "REQ", null);
          }
          if (socket != null) {
            socket.send(List.of(new byte[0], ping));   // a REQ's empty delimiter, then the body
          }
        } catch (IOException e) {
          close();   // unanswered, so the next ping starts over
        }
      }

      @Override
      public byte[] receive() {
        long start = System.nanoTime();
        List<byte[]> reply = null;
        try {
          reply = socket == null ? null : socket.receive(SLICE_MILLIS);
        } catch (IOException e) {
          // No echo: the kernel is gone or going, which the misses tell.
        }
        if (reply != null) {
          return reply.get(reply.size() - 1);
        }
        // Not connected, or the kernel closed its end: a whole slice still passes, as it does when none came.
        long left = SLICE_MILLIS - (System.nanoTime() - start) / 1_000_000;
        if (left > 0) {
          try {
            Thread.sleep(left);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
        return null;
      }

      @Override
      public void close() {
        if (socket != null) {
          socket.close();
          socket = null;
        }
      }
    }, info.ip(), busy, onLost);
  }

  private void run() {
    Pinger socket = connect.get();
    int misses = 0;
    try {
      while (running) {
        socket.send(PING);
        long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
        byte[] echo = null;
        // Short receive slices, so close() is quick without interrupting (an interrupt breaks JeroMQ).
        while (running && echo == null && System.nanoTime() < deadline) {
          echo = socket.receive();
        }
        if (!running) {
          return;
        }
        if (echo != null) {
          misses = 0;
          Thread.sleep(INTERVAL.toMillis());
          continue;
        }
        // A REQ socket that timed out cannot send again: start over with a new one.
        socket.close();
        socket = connect.get();
        if (++misses >= MISSES_BEFORE_DEAD) {
          if (!busy.getAsBoolean()) {
            onLost.run();
            return;
          }
          // Once idle again, it gets one more full ping to answer.
          misses = MISSES_BEFORE_DEAD - 1;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      if (running) {
        throw e;
      }
    } finally {
      socket.close();
    }
  }

  @Override
  public void close() {
    running = false;
    try {
      thread.join(INTERVAL.toMillis() + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
