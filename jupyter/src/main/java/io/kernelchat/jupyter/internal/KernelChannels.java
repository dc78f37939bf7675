package io.kernelchat.jupyter.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The shell, control, stdin and IOPub sockets, all owned by one IO thread that blocks in a poller (ZMQ
 * sockets are not thread-safe). Other threads hand it frames through a queue and wake it over inproc.
 */
public final class KernelChannels implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KernelChannels.class);

  private record Outgoing(Channel channel, List<byte[]> frames) {}

  private final ZContext context;
  private final Map<Channel, ZMQ.Socket> sockets = new EnumMap<>(Channel.class);
  private final ZMQ.Socket wakeReceiver;
  private final ZMQ.Socket wakeSender;
  private final Queue<Outgoing> outbox = new ConcurrentLinkedQueue<>();
  private final BiConsumer<Channel, List<byte[]>> inbound;
  private final Consumer<RuntimeException> onFailure;
  private final Thread ioThread;
  private volatile boolean running = true;
  /** Set once the wake socket is gone; guarded by {@code wakeSender}. */
  private boolean closed;

  /**
   * Connects to the kernel and starts the IO thread, which passes every received multipart message to
   * {@code inbound} (on the IO thread: it must not block). If the IO thread fails, {@code onFailure} hears
   * why, so that nobody waits forever for messages that cannot come.
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
    String wakeAddress = "inproc://wake-" + UUID.randomUUID();
    wakeReceiver = context.createSocket(SocketType.PULL);
    wakeReceiver.bind(wakeAddress);
    wakeSender = context.createSocket(SocketType.PUSH);
    wakeSender.setLinger(0);
    wakeSender.connect(wakeAddress);
    ioThread = new Thread(this::run, "kernel-io-" + info.shellPort());
    ioThread.setDaemon(true);
    ioThread.start();
  }

  private ZMQ.Socket dealer(byte[] identity, String endpoint) {
    ZMQ.Socket socket = context.createSocket(SocketType.DEALER);
    socket.setLinger(0);
    socket.setIdentity(identity);
    socket.connect(endpoint);
    return socket;
  }

  /**
   * Queues frames for sending on a channel; safe from any thread. After {@link #close()} the frames are
   * dropped: the connection's requests have already ended with the kernel's death by then.
   */
  public void send(Channel channel, List<byte[]> frames) {
    if (channel == Channel.IOPUB) {
      throw new IllegalArgumentException("IOPub is receive-only");
    }
    outbox.add(new Outgoing(channel, frames));
    wake();
  }

  private void wake() {
    synchronized (wakeSender) {
      if (!closed) {
        wakeSender.send(new byte[0], ZMQ.DONTWAIT);
      }
    }
  }

  private void run() {
    ZMQ.Poller poller = context.createPoller(5);
    List<Channel> order = new ArrayList<>(sockets.keySet());
    for (Channel channel : order) {
      poller.register(sockets.get(channel), ZMQ.Poller.POLLIN);
    }
    int wakeIndex = poller.register(wakeReceiver, ZMQ.Poller.POLLIN);
    try {
      while (running && !Thread.currentThread().isInterrupted()) {
        if (poller.poll(1000) < 0) {
          break;
        }
        if (poller.pollin(wakeIndex)) {
          while (wakeReceiver.recv(ZMQ.DONTWAIT) != null) {
            // drained; the outbox holds the real work
          }
        }
        flushOutbox();
        for (int i = 0; i < order.size(); i++) {
          if (poller.pollin(i)) {
            receiveAll(order.get(i), sockets.get(order.get(i)));
          }
        }
      }
    } catch (RuntimeException e) {
      if (running) {
        log.error("kernel IO thread failed", e);
        onFailure.accept(e);
      }
    } finally {
      poller.close();
    }
  }

  private void flushOutbox() {
    Outgoing next;
    while ((next = outbox.poll()) != null) {
      ZMQ.Socket socket = sockets.get(next.channel());
      List<byte[]> frames = next.frames();
      for (int i = 0; i < frames.size(); i++) {
        socket.send(frames.get(i), i < frames.size() - 1 ? ZMQ.SNDMORE : 0);
      }
    }
  }

  private void receiveAll(Channel channel, ZMQ.Socket socket) {
    byte[] first;
    while ((first = socket.recv(ZMQ.DONTWAIT)) != null) {
      List<byte[]> frames = new ArrayList<>();
      frames.add(first);
      while (socket.hasReceiveMore()) {
        frames.add(socket.recv(0));
      }
      try {
        inbound.accept(channel, frames);
      } catch (RuntimeException e) {
        log.error("failed to handle a {} message", channel, e);
      }
    }
  }

  /** Stops the IO thread and closes the sockets; queued but unsent frames are dropped. */
  @Override
  public void close() {
    running = false;
    wake();
    try {
      ioThread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sockets.values().forEach(context::destroySocket);
    context.destroySocket(wakeReceiver);
    synchronized (wakeSender) {
      closed = true;
      context.destroySocket(wakeSender);
    }
  }
}
