package io.kernelchat.jupyter.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The client end of one ZeroMQ socket over a Unix socket, speaking ZMTP 3.0 with the NULL mechanism as libzmq
 * does on an {@code ipc://} endpoint. JeroMQ has no ipc transport, and a kernel in a network namespace of its
 * own can only be reached through a socket file; speaking the wire protocol here, rather than relaying to
 * loopback ports for JeroMQ, spares every message two hand-offs between threads (the relay's and JeroMQ's
 * IO thread's). The peer is a kernel's ROUTER, PUB or REP socket; this end says it is a DEALER, SUB or REQ,
 * and leaves what those add (a REQ's empty delimiter, a SUB's subscription) to its user.
 *
 * <p>Non-blocking: the greeting and READY go out at once on connecting and the peer's are taken in with its
 * first messages, so connecting never waits. One thread reads; any thread may send.
 */
final class ZmtpSocket implements AutoCloseable {
  private static final byte MORE = 1;
  private static final byte LONG = 2;
  private static final byte COMMAND = 4;
  private static final int GREETING_BYTES = 64;
  /** A write that makes no progress for this long means the kernel has stopped reading: it is stuck or gone. */
  private static final long WRITE_STALL_MILLIS = 60_000;

  private final SocketChannel channel;
  private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
  private final ReentrantLock writing = new ReentrantLock();
  private Selector writeSelector;
  private Selector readSelector;

  // What the reader has taken in so far: the peer's greeting, then one frame at a time.
  private int greetingLeft = GREETING_BYTES;
  /** Set by the reader under {@link #writing}, which senders hold while they look at it. */
  private boolean peerReady;
  /**
   * Messages sent before the peer's READY came: libzmq drops a connection whose first message arrives before
   * it has sent its own READY (a race it loses more often the busier the kernel's process is; seen as a
   * heartbeat that was answered once and then closed at once on every reconnection), so they wait for it.
   */
  private final List<ByteBuffer[]> held = new ArrayList<>();
  private int flags = -1;
  private final byte[] sizeBytes = new byte[8];
  private int sizeFilled;
  private byte[] body;
  private int bodyFilled;
  private List<byte[]> message = new ArrayList<>();

  private ZmtpSocket(SocketChannel channel) {
    this.channel = channel;
  }

  /**
   * Connects to the socket file and sends the greeting and READY (with {@code identity} when not null);
   * empty while nothing listens there yet (the kernel binds a moment after it starts).
   */
  static ZmtpSocket connect(Path socketFile, String socketType, byte[] identity) throws IOException {
    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
    try {
      channel.connect(UnixDomainSocketAddress.of(socketFile));
    } catch (IOException notListening) {
      channel.close();
      return null;
    }
    ZmtpSocket socket = new ZmtpSocket(channel);
    try {
      channel.configureBlocking(false);
      socket.writeAll(new ByteBuffer[] {greeting(), ready(socketType, identity)});
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return socket;
  }

  SocketChannel channel() {
    return channel;
  }

  private static ByteBuffer greeting() {
    ByteBuffer greeting = ByteBuffer.allocate(GREETING_BYTES);
    greeting.put((byte) 0xFF).put(new byte[8]).put((byte) 0x7F);   // signature
    greeting.put((byte) 3).put((byte) 0);                            // version 3.0
    greeting.put("NULL".getBytes(StandardCharsets.US_ASCII));        // mechanism, zero-padded to 20 bytes
    greeting.position(12 + 20).put((byte) 0);                        // as-server: no
    return greeting.position(GREETING_BYTES).flip();
  }

  private static ByteBuffer ready(String socketType, byte[] identity) {
    ByteBuffer props = ByteBuffer.allocate(256);
    props.put((byte) 5).put("READY".getBytes(StandardCharsets.US_ASCII));
    property(props, "Socket-Type", socketType.getBytes(StandardCharsets.US_ASCII));
    if (identity != null) {
      property(props, "Identity", identity);
    }
    props.flip();
    ByteBuffer frame = ByteBuffer.allocate(2 + props.remaining());
    frame.put(COMMAND).put((byte) props.remaining()).put(props);
    return frame.flip();
  }

  private static void property(ByteBuffer into, String name, byte[] value) {
    into.put((byte) name.length()).put(name.getBytes(StandardCharsets.US_ASCII)).putInt(value.length).put(value);
  }

  /** Sends one multipart message, once the handshake is done; safe from any thread. */
  void send(List<byte[]> frames) throws IOException {
    ByteBuffer[] buffers = new ByteBuffer[frames.size() * 2];
    for (int i = 0; i < frames.size(); i++) {
      byte[] frame = frames.get(i);
      boolean large = frame.length > 255;
      ByteBuffer head = ByteBuffer.allocate(large ? 9 : 2);
      head.put((byte) ((i < frames.size() - 1 ? MORE : 0) | (large ? LONG : 0)));
      if (large) {
        head.putLong(frame.length);
      } else {
        head.put((byte) frame.length);
      }
      buffers[2 * i] = head.flip();
      buffers[2 * i + 1] = ByteBuffer.wrap(frame);
    }
    writing.lock();
    try {
      if (peerReady) {
        writeAll(buffers);
      } else {
        held.add(buffers);
      }
    } finally {
      writing.unlock();
    }
  }

  private void writeAll(ByteBuffer[] buffers) throws IOException {
    writing.lock();
    try {
      long stalledSince = 0;
      while (buffers[buffers.length - 1].hasRemaining()) {
        if (channel.write(buffers) > 0) {
          stalledSince = 0;
          continue;
        }
        // The socket's buffer is full (a large message while the kernel is busy reading another): wait for room.
        long now = System.nanoTime();
        if (stalledSince == 0) {
          stalledSince = now;
        } else if (now - stalledSince > TimeUnit.MILLISECONDS.toNanos(WRITE_STALL_MILLIS)) {
          throw new IOException("the kernel took nothing from its socket for " + WRITE_STALL_MILLIS / 1000 + " s");
        }
        if (writeSelector == null) {
          writeSelector = Selector.open();
          channel.register(writeSelector, SelectionKey.OP_WRITE);
        }
        writeSelector.select(100);
        writeSelector.selectedKeys().clear();
      }
    } finally {
      writing.unlock();
    }
  }

  /**
   * Hands every whole message that has arrived to {@code into}, without blocking; false once the peer has
   * closed the connection (the kernel exited). Only one thread may read.
   */
  boolean readAvailable(Consumer<List<byte[]>> into) throws IOException {
    while (true) {
      int read;
      try {
        read = channel.read(in);
      } catch (IOException reset) {
        return false;
      }
      if (read < 0) {
        return false;
      }
      in.flip();
      parse(into);
      in.compact();
      if (read == 0) {
        return true;
      }
    }
  }

  /**
   * Waits up to {@code millis} for one message, for a user that owns this socket alone (the heartbeat); null
   * if none came or the peer went away.
   */
  List<byte[]> receive(long millis) throws IOException {
    List<List<byte[]>> got = new ArrayList<>(1);
    if (readSelector == null) {
      readSelector = Selector.open();
      channel.register(readSelector, SelectionKey.OP_READ);
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (got.isEmpty()) {
      if (!readAvailable(got::add)) {
        return null;
      }
      long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
      if (!got.isEmpty() || left <= 0) {
        break;
      }
      readSelector.select(left);
      readSelector.selectedKeys().clear();
    }
    return got.isEmpty() ? null : got.get(0);
  }

  private void parse(Consumer<List<byte[]>> into) throws IOException {
    while (in.hasRemaining()) {
      if (greetingLeft > 0) {
        int offset = GREETING_BYTES - greetingLeft;
        byte b = in.get();
        greetingLeft--;
        if (offset == 0 && b != (byte) 0xFF || offset == 10 && b < 3) {
          throw new IOException("the kernel's socket does not speak ZMTP 3");
        }
        continue;
      }
      if (flags < 0) {
        flags = in.get() & 0xFF;
        sizeFilled = 0;
        continue;
      }
      if (body == null) {
        int sizeLength = (flags & LONG) != 0 ? 8 : 1;
        while (sizeFilled < sizeLength && in.hasRemaining()) {
          sizeBytes[sizeFilled++] = in.get();
        }
        if (sizeFilled < sizeLength) {
          return;
        }
        long size = sizeLength == 1 ? sizeBytes[0] & 0xFF : ByteBuffer.wrap(sizeBytes).getLong();
        if (size < 0 || size > Integer.MAX_VALUE - 8) {
          throw new IOException("a frame of " + size + " bytes from the kernel");
        }
        body = new byte[(int) size];
        bodyFilled = 0;
      }
      int n = Math.min(in.remaining(), body.length - bodyFilled);   // 0 for an empty frame: done at once
      in.get(body, bodyFilled, n);
      bodyFilled += n;
      if (bodyFilled == body.length) {
        frameDone(into);
      }
    }
  }

  private void frameDone(Consumer<List<byte[]>> into) throws IOException {
    byte[] frame = body;
    int frameFlags = flags;
    body = null;
    flags = -1;
    if ((frameFlags & COMMAND) != 0) {
      command(frame);
    } else if (peerReady) {
      message.add(frame);
      if ((frameFlags & MORE) == 0) {
        into.accept(message);
        message = new ArrayList<>();
      }
    }
  }

  /** READY ends the handshake; ERROR says why the peer refuses us; there is nothing else in ZMTP 3.0. */
  private void command(byte[] frame) throws IOException {
    String name = frame.length > 0 ? new String(frame, 1, Math.min(frame[0] & 0xFF, frame.length - 1),
        StandardCharsets.US_ASCII) : "";
    if (name.equals("READY")) {
      writing.lock();
      try {
        peerReady = true;
        for (ByteBuffer[] message : held) {
          writeAll(message);
        }
        held.clear();
      } finally {
        writing.unlock();
      }
    } else if (name.equals("ERROR")) {
      throw new IOException("the kernel's socket refused the connection");
    }
  }

  @Override
  public void close() {
    for (AutoCloseable closeable : new AutoCloseable[] {writeSelector, readSelector, channel}) {
      if (closeable != null) {
        try {
          closeable.close();
        } catch (Exception ignored) {
          // Closing is all that is left to do.
        }
      }
    }
  }
}
