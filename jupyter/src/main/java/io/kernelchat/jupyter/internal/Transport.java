package io.kernelchat.jupyter.internal;

import java.util.ArrayDeque;
import java.util.List;

/**
 * How a connection's messages travel: ZeroMQ sockets to a local kernel ({@link KernelChannels}) or one
 * WebSocket to a Jupyter Server ({@link WebSocketChannels}). Frames are the ZeroMQ form
 * ({@code [<IDS|MSG>, signature, header, parent, metadata, content, buffers...]}) both ways, so the session
 * and the request tracking above do not know which.
 */
public interface Transport extends AutoCloseable {
  /** Sends one message's frames on a channel; safe from any thread; dropped after {@link #close()}. */
  void send(Channel channel, List<byte[]> frames);

  /** Adds an item to a waiter's queue and wakes it. Safe from any thread. */
  void deliver(ArrayDeque<Object> queue, Object item);

  /** The next item of {@code queue}, or null after {@code timeoutNanos} ({@link Long#MAX_VALUE}: no limit). */
  Object await(ArrayDeque<Object> queue, long timeoutNanos) throws InterruptedException;

  /** Wakes a thread blocked receiving, for an item delivered from outside (the kernel died). */
  void wakeLeader();

  @Override
  void close();
}
