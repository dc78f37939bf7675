package io.kernelchat.jupyter.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The shell, control, stdin and IOPub sockets over ZeroMQ (a kernel on loopback TCP). ZMQ sockets are not
 * thread-safe, so a lock guards them: a sending thread sends itself, and the leader receives, blocking in a
 * selector on the sockets' signal channels.
 */
public final class KernelChannels extends LeaderFollowerTransport {
  private static final Logger log = LoggerFactory.getLogger(KernelChannels.class);

  private final ZContext context;
  private final Map<Channel, ZMQ.Socket> sockets = new EnumMap<>(Channel.class);
  private final ReentrantLock lock = new ReentrantLock();
  /** Whether the leader's last select saw a signal; only the leader touches it. */
  private boolean selectSawSignal;

  /**
   * Connects to the kernel. Every received multipart message goes to {@code inbound}, on whichever thread
   * is receiving at the time: it must not block. If the sockets fail, {@code onFailure} hears why, so that
   * nobody waits forever for messages that cannot come.
   */
  public KernelChannels(ZContext context, ConnectionInfo info, BiConsumer<Channel, List<byte[]>> inbound,
                        Consumer<RuntimeException> onFailure) {
    super(inbound, onFailure);
    this.context = context;
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
      for (ZMQ.Socket socket : sockets.values()) {
        socket.getFD().register(selector, SelectionKey.OP_READ);
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot watch the kernel's sockets", e);
    }
    startDraining("kernel-drain-" + info.shellPort());
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
      failed(e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  void takeIn(List<Incoming> into) {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      // Receiving until a socket is empty also clears its signal, so a select sleeps until the next
      // message (or command) arrives.
      sockets.forEach((channel, socket) -> receiveAll(channel, socket, into));
    } finally {
      lock.unlock();
    }
    if (!into.isEmpty()) {
      selectSawSignal = false;
    }
  }

  @Override
  void sleep(long millis) throws IOException {
    if (selectSawSignal) {
      // A signal with nothing to receive: JeroMQ's IO thread wrote its signal byte but was preempted
      // (often by this thread) before counting it, so the socket cannot see it yet while the selector
      // does. Without a yield, receiving spins, hundreds of times a cell, on the core the writer needs.
      Thread.yield();
    }
    if (millis > 0) {
      selectSawSignal = selector.select(millis) > 0;
      selector.selectedKeys().clear();
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

  @Override
  void closeSockets() {
    lock.lock();
    try {
      closed = true;
      sockets.values().forEach(context::destroySocket);
    } finally {
      lock.unlock();
    }
  }

}
