package io.kernelchat.jupyter.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shell, control, stdin and IOPub channels of a kernel listening on ipc sockets (a sandboxed kernel,
 * which has no network but the run directory's socket files), spoken over {@link ZmtpSocket}s: the leader
 * reads the sockets itself, so a message reaches its waiter with no other thread in between. A socket the
 * kernel has not bound yet is connected on a later turn, as ZeroMQ reconnects; one the kernel closed is
 * dropped and connected again the same way, and the kernel's exit, watched elsewhere, ends the requests.
 */
public final class ZmtpChannels extends LeaderFollowerTransport {
  private static final Logger log = LoggerFactory.getLogger(ZmtpChannels.class);
  /** How often a leader looks again for a socket the starting kernel has not bound yet. */
  private static final long CONNECT_RETRY_MILLIS = 5;
  private static final byte[] SUBSCRIBE_ALL = {1};

  private final ConnectionInfo info;
  /** stdin must share shell's identity: the kernel routes input_request to the shell requester's id. */
  private final byte[] identity = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
  private final byte[] controlIdentity = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
  /** Guards {@link #sockets} (connected ones; a missing key is not connected yet) and {@link #closed}'s setting. */
  private final ReentrantLock lock = new ReentrantLock();
  private final Map<Channel, ZmtpSocket> sockets = new EnumMap<>(Channel.class);

  /**
   * Connects to the kernel's ipc sockets as far as it has bound them. Every received multipart message goes
   * to {@code inbound}, on whichever thread is receiving at the time: it must not block.
   */
  public ZmtpChannels(ConnectionInfo info, BiConsumer<Channel, List<byte[]>> inbound,
                      Consumer<RuntimeException> onFailure) {
    super(inbound, onFailure);
    this.info = info;
    connectMissing();
    startDraining("kernel-drain-" + info.ip());
  }


  /**
   * Sends frames on a channel, on the calling thread; safe from any thread. Dropped after {@link #close()},
   * and while the kernel has not bound that socket yet (only a starting kernel's readiness probe, repeated
   * until answered, can be sent then).
   */
  @Override
  public void send(Channel channel, List<byte[]> frames) {
    if (channel == Channel.IOPUB) {
      throw new IllegalArgumentException("IOPub is receive-only");
    }
    ZmtpSocket socket = connected(channel);
    if (socket == null) {
      log.debug("{} of {} is not connected yet; a message was dropped", channel, info.ip());
      return;
    }
    try {
      socket.send(frames);
    } catch (ClosedChannelException gone) {
      // Closed by close() or by the leader once the kernel went away: its exit ends the requests.
    } catch (IOException e) {
      if (!closed) {
        log.debug("sending on {} failed: {}", channel, e.getMessage());
      }
    }
  }

  /** The channel's socket, connected now if the kernel listens; null if it does not yet, or after close. */
  private ZmtpSocket connected(Channel channel) {
    lock.lock();
    try {
      if (!sockets.containsKey(channel)) {
        connectMissing();
      }
      return sockets.get(channel);
    } finally {
      lock.unlock();
    }
  }

  /** Connects each socket the kernel now listens on; under {@link #lock} or before any other thread runs. */
  private void connectMissing() {
    lock.lock();
    try {
      for (Channel channel : List.of(Channel.SHELL, Channel.IOPUB, Channel.STDIN, Channel.CONTROL)) {
        if (closed || sockets.containsKey(channel)) {
          continue;
        }
        ZmtpSocket socket = connect(channel);
        if (socket != null) {
          sockets.put(channel, socket);
          socket.channel().register(selector, SelectionKey.OP_READ, channel);
          selector.wakeup();   // a leader asleep in select() watches the new socket only from its next turn
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to the kernel's sockets in " + info.ip(), e);
    } finally {
      lock.unlock();
    }
  }

  private ZmtpSocket connect(Channel channel) throws IOException {
    return switch (channel) {
      case SHELL -> ZmtpSocket.connect(info.ipcSocket(info.shellPort()), "DEALER", identity);
      case STDIN -> ZmtpSocket.connect(info.ipcSocket(info.stdinPort()), "DEALER", identity);
      case CONTROL -> ZmtpSocket.connect(info.ipcSocket(info.controlPort()), "DEALER", controlIdentity);
      case IOPUB -> {
        ZmtpSocket socket = ZmtpSocket.connect(info.ipcSocket(info.iopubPort()), "SUB", null);
        if (socket != null) {
          socket.send(List.of(SUBSCRIBE_ALL));   // ZMTP 3.0's subscription is a message: 1, then the prefix
        }
        yield socket;
      }
    };
  }

  @Override
  void takeIn(List<Incoming> into) throws IOException {
    if (sockets.size() < 4) {
      connectMissing();
    }
    for (Map.Entry<Channel, ZmtpSocket> entry : List.copyOf(snapshot().entrySet())) {
      Channel channel = entry.getKey();
      if (!entry.getValue().readAvailable(frames -> into.add(new Incoming(channel, frames)))) {
        dropped(channel, entry.getValue());
      }
    }
  }

  private Map<Channel, ZmtpSocket> snapshot() {
    lock.lock();
    try {
      return new EnumMap<>(sockets);
    } finally {
      lock.unlock();
    }
  }

  /** The kernel closed its end (it exited, or is exiting): forget the socket, to connect again if it comes back. */
  private void dropped(Channel channel, ZmtpSocket socket) {
    lock.lock();
    try {
      sockets.remove(channel, socket);
    } finally {
      lock.unlock();
    }
    socket.close();
  }

  @Override
  void sleep(long millis) throws IOException {
    if (millis > 0) {
      selector.select(sockets.size() < 4 ? Math.min(millis, CONNECT_RETRY_MILLIS) : millis);
      selector.selectedKeys().clear();
    }
  }

  @Override
  void closeSockets() {
    lock.lock();
    try {
      closed = true;
      sockets.values().forEach(ZmtpSocket::close);
      sockets.clear();
    } finally {
      lock.unlock();
    }
  }

}
