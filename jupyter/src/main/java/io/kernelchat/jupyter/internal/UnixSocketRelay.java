package io.kernelchat.jupyter.internal;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries a kernel's five channels between loopback TCP ports, where this client's ZeroMQ sockets connect
 * (JeroMQ has no ipc transport of its own), and the kernel's ZeroMQ ipc sockets {@code <prefix>-1..5}: Unix
 * sockets, which reach a kernel in a network namespace of its own. ZMTP is the same over both transports, so
 * the bytes pass through unchanged and the kernel signs and checks messages as ever.
 */
public final class UnixSocketRelay implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(UnixSocketRelay.class);
  /** A 10 MB print passes in a few dozen reads. */
  private static final int BUFFER_BYTES = 256 * 1024;
  /** The kernel binds its sockets a moment after it starts; a connection waits for them this long. */
  private static final long KERNEL_BIND_WAIT_MS = 60_000;

  private final Path socketPrefix;
  private final Selector selector;
  private final List<ServerSocketChannel> listeners;
  private final Set<SocketChannel> open = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  private UnixSocketRelay(Path socketPrefix, Selector selector, List<ServerSocketChannel> listeners) {
    this.socketPrefix = socketPrefix;
    this.selector = selector;
    this.listeners = listeners;
  }

  /** Listens on five fresh loopback ports, one for each of the sockets {@code <socketPrefix>-1..5}. */
  public static UnixSocketRelay open(Path socketPrefix) throws IOException {
    Selector selector = Selector.open();
    List<ServerSocketChannel> listeners = new ArrayList<>();
    try {
      for (int number : ConnectionInfo.IPC_NUMBERS) {
        ServerSocketChannel listener = ServerSocketChannel.open();
        listeners.add(listener);
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        listener.configureBlocking(false);
        listener.register(selector, SelectionKey.OP_ACCEPT, number);
      }
    } catch (IOException e) {
      for (ServerSocketChannel listener : listeners) {
        listener.close();
      }
      selector.close();
      throw e;
    }
    UnixSocketRelay relay = new UnixSocketRelay(socketPrefix, selector, listeners);
    Thread acceptor = new Thread(relay::acceptLoop, "kernel-relay-accept");
    acceptor.setDaemon(true);
    acceptor.start();
    return relay;
  }

  /** The loopback ports in channel order (shell, iopub, stdin, control, heartbeat). */
  public List<Integer> ports() {
    return listeners.stream().map(l -> l.socket().getLocalPort()).toList();
  }

  private void acceptLoop() {
    try {
      while (!closed) {
        selector.select();
        for (SelectionKey key : selector.selectedKeys()) {
          SocketChannel tcp = ((ServerSocketChannel) key.channel()).accept();
          if (tcp != null) {
            int number = (Integer) key.attachment();
            Thread connector = new Thread(() -> join(tcp, number), "kernel-relay-" + number);
            connector.setDaemon(true);
            connector.start();
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException | ClosedSelectorException e) {
      if (!closed) {
        log.warn("the kernel channel relay for {} stopped accepting: {}", socketPrefix, e.getMessage());
      }
    }
  }

  /** Connects an accepted TCP connection to the kernel's socket and pumps both ways until either side ends. */
  private void join(SocketChannel tcp, int number) {
    open.add(tcp);
    SocketChannel unix = null;
    try {
      tcp.setOption(StandardSocketOptions.TCP_NODELAY, true);
      unix = connectToKernel(socketPrefix.resolveSibling(socketPrefix.getFileName() + "-" + number));
      if (unix == null) {
        return;
      }
      open.add(unix);
      SocketChannel kernelSide = unix;
      Thread back = new Thread(() -> pump(kernelSide, tcp), "kernel-relay-" + number + "-in");
      back.setDaemon(true);
      back.start();
      pump(tcp, kernelSide);
    } catch (IOException e) {
      log.debug("kernel channel {} of {}: {}", number, socketPrefix, e.getMessage());
    } finally {
      closeQuietly(tcp);
      closeQuietly(unix);
    }
  }

  private SocketChannel connectToKernel(Path socket) throws IOException {
    long deadline = System.nanoTime() + KERNEL_BIND_WAIT_MS * 1_000_000;
    while (!closed) {
      SocketChannel unix = SocketChannel.open(StandardProtocolFamily.UNIX);
      try {
        unix.connect(UnixDomainSocketAddress.of(socket));
        return unix;
      } catch (IOException notYet) {
        unix.close();
        if (System.nanoTime() > deadline) {
          throw new IOException("the kernel never listened on " + socket);
        }
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return null;
        }
      }
    }
    return null;
  }

  private void pump(SocketChannel from, SocketChannel to) {
    ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
    try {
      while (from.read(buffer) >= 0) {
        buffer.flip();
        while (buffer.hasRemaining()) {
          to.write(buffer);
        }
        buffer.clear();
      }
    } catch (IOException e) {
      // One side went away (the kernel exited, the client closed): end the other side too.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private void closeQuietly(SocketChannel channel) {
    if (channel != null) {
      open.remove(channel);
      try {
        channel.close();
      } catch (IOException ignored) {
        // Closing is all that is left to do.
      }
    }
  }

  /** Stops listening and ends every relayed connection. */
  @Override
  public void close() {
    closed = true;
    try {
      selector.close();
    } catch (IOException ignored) {
      // The listeners are closed below either way.
    }
    for (ServerSocketChannel listener : listeners) {
      try {
        listener.close();
      } catch (IOException ignored) {
        // Nothing more to release.
      }
    }
    for (SocketChannel channel : List.copyOf(open)) {
      closeQuietly(channel);
    }
  }
}
