package io.kernelchat.jupyter.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
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
  private static final byte[] PING = "ping".getBytes(StandardCharsets.US_ASCII);

  private final ZContext context;
  private final String endpoint;
  private final BooleanSupplier busy;
  private final Runnable onLost;
  private final Thread thread;
  private volatile boolean running = true;

  /** Starts pinging; {@code onLost} runs at most once, on the heartbeat thread. */
  public Heartbeat(ZContext context, ConnectionInfo info, BooleanSupplier busy, Runnable onLost) {
    this.context = context;
    this.busy = busy;
    this.endpoint = info.endpoint(info.hbPort());
    this.onLost = onLost;
    this.thread = new Thread(this::run, "kernel-heartbeat-" + info.hbPort());
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    ZMQ.Socket socket = connect();
    int misses = 0;
    try {
      while (running) {
        socket.send(PING, 0);
        long deadline = System.nanoTime() + REPLY_TIMEOUT.toNanos();
        byte[] echo = null;
        // Short receive slices, so close() is quick without interrupting (an interrupt breaks JeroMQ).
        while (running && echo == null && System.nanoTime() < deadline) {
          echo = socket.recv(0);
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
        context.destroySocket(socket);
        socket = connect();
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
      context.destroySocket(socket);
    }
  }

  private ZMQ.Socket connect() {
    ZMQ.Socket socket = context.createSocket(SocketType.REQ);
    socket.setLinger(0);
    socket.setReceiveTimeOut(100);
    socket.connect(endpoint);
    return socket;
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
