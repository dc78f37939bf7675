package io.kernelchat.jupyter.internal;

import io.kernelchat.jupyter.KernelDiedException;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A kernel's channels over one Jupyter Server WebSocket ({@code /api/kernels/{id}/channels}), offering the
 * {@value WebSocketFrames#V1} subprotocol and speaking JSON when the server does not take it. The JDK's
 * WebSocket thread receives and hands messages on; waiters block on a condition. A WebSocket that drops
 * is opened again with the same {@code session_id}, so the server replays what it buffered meanwhile;
 * when it cannot be opened again (the kernel is gone: 404, or the server stays unreachable) every request
 * ends with {@link KernelDiedException}.
 */
public final class WebSocketChannels implements Transport {
  private static final Logger log = LoggerFactory.getLogger(WebSocketChannels.class);
  /** How long a dropped WebSocket is tried again before the kernel counts as lost. */
  private static final Duration RECONNECT_FOR = Duration.ofSeconds(20);
  private static final long RECONNECT_PAUSE_MILLIS = 250;

  private final HttpClient http;
  private final URI uri;
  private final Map<String, String> headers;
  private final Duration connectTimeout;
  private final KernelConnection.Inbound inbound;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  /** The open WebSocket, or a future one while reconnecting; guarded by {@code lock}. */
  private CompletableFuture<WebSocket> socket;
  private volatile boolean binary;
  private volatile boolean closed;
  private final Object sending = new Object();

  /**
   * Opens the WebSocket and returns once the handshake is done.
   *
   * @throws KernelDiedException when the server refuses it (the kernel is gone) or cannot be reached
   */
  public WebSocketChannels(HttpClient http, URI uri, Map<String, String> headers, Duration connectTimeout,
                           KernelConnection.Inbound inbound) {
    this.http = http;
    this.uri = uri;
    this.headers = Map.copyOf(headers);
    this.connectTimeout = connectTimeout;
    this.inbound = inbound;
    WebSocket first;
    try {
      first = open().join();
    } catch (CompletionException e) {
      throw refused(e);
    }
    lock.lock();
    try {
      socket = CompletableFuture.completedFuture(first);
    } finally {
      lock.unlock();
    }
  }

  /** Whether the server chose the binary subprotocol. */
  public boolean binary() {
    return binary;
  }

  private CompletableFuture<WebSocket> open() {
    WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(connectTimeout)
        .subprotocols(WebSocketFrames.V1);
    headers.forEach(builder::header);
    return builder.buildAsync(uri, new Receiver()).thenApply(ws -> {
      binary = WebSocketFrames.V1.equals(ws.getSubprotocol());
      return ws;
    }).exceptionally(e -> {
      throw new CompletionException(refused(e));
    });
  }

  private KernelDiedException refused(Throwable e) {
    Throwable cause = e;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof KernelDiedException died) {
      return died;
    }
    if (cause instanceof WebSocketHandshakeException handshake) {
      int status = handshake.getResponse().statusCode();
      String why = status == 404 ? "the kernel is gone from the server"
          : status == 401 || status == 403 ? "the server refused the token" : "the server answered " + status;
      return new KernelDiedException(why + " (WebSocket " + withoutQuery() + ")", null);
    }
    return new KernelDiedException("cannot reach the kernel's WebSocket " + withoutQuery() + ": " + cause, null);
  }

  /** Whether the server answered the handshake (with a refusal), as opposed to not being reachable. */
  private static boolean answered(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof WebSocketHandshakeException) {
        return true;
      }
    }
    return false;
  }

  private String withoutQuery() {
    return uri.getScheme() + "://" + uri.getAuthority() + uri.getPath();
  }

  @Override
  public void send(Channel channel, List<byte[]> frames) {
    if (closed) {
      return;
    }
    // One send at a time: the JDK's WebSocket refuses a send while the last one is still going out.
    synchronized (sending) {
      for (int attempt = 0; attempt < 2 && !closed; attempt++) {
        WebSocket ws = current();
        if (ws == null) {
          return;
        }
        try {
          CompletableFuture<WebSocket> sent = binary ? ws.sendBinary(WebSocketFrames.v1(channel, frames), true)
              : ws.sendText(WebSocketFrames.json(channel, frames), true);
          sent.join();
          return;
        } catch (CompletionException e) {
          log.debug("sending on the kernel WebSocket failed, reconnecting: {}", e.getCause().toString());
          dropped(ws);
        }
      }
    }
  }

  /** The open WebSocket, waiting while it reconnects; null once the kernel is lost. */
  private WebSocket current() {
    CompletableFuture<WebSocket> now;
    lock.lock();
    try {
      now = socket;
    } finally {
      lock.unlock();
    }
    try {
      return now.join();
    } catch (CompletionException e) {
      return null;
    }
  }

  /** Starts reconnecting once per dropped WebSocket. */
  private void dropped(WebSocket which) {
    CompletableFuture<WebSocket> next;
    lock.lock();
    try {
      if (closed || !socket.isDone() || socket.isCompletedExceptionally() || socket.join() != which) {
        return;
      }
      next = new CompletableFuture<>();
      socket = next;
    } finally {
      lock.unlock();
    }
    Thread reconnect = new Thread(() -> reconnect(next), "kernel-ws-reconnect");
    reconnect.setDaemon(true);
    reconnect.start();
  }

  private void reconnect(CompletableFuture<WebSocket> next) {
    long deadline = System.nanoTime() + RECONNECT_FOR.toNanos();
    KernelDiedException last = null;
    while (!closed && System.nanoTime() < deadline) {
      try {
        WebSocket ws = open().join();
        log.info("reconnected to the kernel WebSocket {}", withoutQuery());
        next.complete(ws);
        return;
      } catch (CompletionException e) {
        last = refused(e);
        if (answered(e)) {
          break;   // the server is there and said no: trying again will not change its mind
        }
      }
      try {
        Thread.sleep(RECONNECT_PAUSE_MILLIS);
      } catch (InterruptedException e) {
        break;
      }
    }
    KernelDiedException cause = last != null ? last
        : new KernelDiedException("the kernel's WebSocket " + withoutQuery() + " was closed", null);
    next.completeExceptionally(cause);
    if (!closed) {
      log.warn("lost the kernel: {}", cause.getMessage());
      inbound.lost(cause);
    }
  }

  /** Takes whole messages (the JDK hands them in parts) and passes them on, one at a time. */
  private final class Receiver implements WebSocket.Listener {
    private final ByteArrayOutputStream parts = new ByteArrayOutputStream();
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      if (last && parts.size() == 0) {
        handle(() -> binary ? WebSocketFrames.fromV1(data) : WebSocketFrames.fromLegacyBinary(data));
      } else {
        byte[] chunk = new byte[data.remaining()];
        data.get(chunk);
        parts.writeBytes(chunk);
        if (last) {
          ByteBuffer whole = ByteBuffer.wrap(parts.toByteArray());
          parts.reset();
          handle(() -> binary ? WebSocketFrames.fromV1(whole) : WebSocketFrames.fromLegacyBinary(whole));
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        String whole = text.toString();
        text.setLength(0);
        handle(() -> WebSocketFrames.fromJson(whole));
      }
      ws.request(1);
      return null;
    }

    private void handle(Supplier<WebSocketFrames.Received> decode) {
      try {
        WebSocketFrames.Received message = decode.get();
        inbound.message(message.channel(), message.frames());
      } catch (RuntimeException e) {
        log.warn("dropping a kernel WebSocket message: {}", e.getMessage());
      }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      log.debug("kernel WebSocket closed: {} {}", statusCode, reason);
      dropped(ws);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      log.debug("kernel WebSocket failed: {}", error.toString());
      dropped(ws);
    }
  }

  @Override
  public void deliver(ArrayDeque<Object> queue, Object item) {
    lock.lock();
    try {
      queue.add(item);
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  @Override
  public Object await(ArrayDeque<Object> queue, long timeoutNanos) throws InterruptedException {
    long deadline = timeoutNanos == Long.MAX_VALUE ? Long.MAX_VALUE : System.nanoTime() + timeoutNanos;
    lock.lockInterruptibly();
    try {
      while (true) {
        Object item = queue.poll();
        if (item != null) {
          return item;
        }
        if (deadline == Long.MAX_VALUE) {
          changed.await();
        } else {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return null;
          }
          changed.awaitNanos(left);
        }
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void wakeLeader() {
    // Waiters block on the condition that deliver() signals: nothing else to wake.
  }

  @Override
  public void close() {
    CompletableFuture<WebSocket> now;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      now = socket;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (now.isDone() && !now.isCompletedExceptionally()) {
      WebSocket ws = now.join();
      ws.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(2, TimeUnit.SECONDS)
          .whenComplete((done, e) -> ws.abort());
    }
  }
}
