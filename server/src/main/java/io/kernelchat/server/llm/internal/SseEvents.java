package io.kernelchat.server.llm.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Reads server-sent events from a response body. A watchdog closes the body when nothing arrives for
 * the idle timeout or when the caller cancels, because a blocked read cannot be interrupted otherwise;
 * the reader then sees the end of the stream and {@link #timedOut()} / {@link #cancelled()} say why.
 */
final class SseEvents implements AutoCloseable {
  private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "llm-stream-watchdog");
    thread.setDaemon(true);
    return thread;
  });

  private final InputStream body;
  private final BufferedReader reader;
  private final Duration idleTimeout;
  private final long idleNanos;
  private final BooleanSupplier cancelRequested;
  private final ScheduledFuture<?> watch;
  private volatile long lastActivity = System.nanoTime();
  private volatile boolean timedOut;
  private volatile boolean cancelled;

  SseEvents(InputStream body, Duration idleTimeout, BooleanSupplier cancelRequested) {
    this.body = body;
    this.reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
    this.idleTimeout = idleTimeout;
    this.idleNanos = idleTimeout.toNanos();
    this.cancelRequested = cancelRequested;
    this.watch = WATCHDOG.scheduleWithFixedDelay(this::check, 50, 50, TimeUnit.MILLISECONDS);
  }

  /** The next event, or null at the end of the stream. */
  SseEvent next() throws IOException {
    String name = null;
    StringBuilder data = null;
    String line;
    while ((line = reader.readLine()) != null) {
      lastActivity = System.nanoTime();
      if (line.isEmpty()) {
        if (data != null) {
          return new SseEvent(name, data.toString());
        }
        name = null;
      } else if (line.startsWith("data:")) {
        String value = stripOneSpace(line.substring(5));
        data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
      } else if (line.startsWith("event:")) {
        name = stripOneSpace(line.substring(6));
      }
      // comments (":") and other fields are ignored, as the SSE spec says
    }
    return data == null ? null : new SseEvent(name, data.toString());
  }

  Duration idleTimeout() {
    return idleTimeout;
  }

  boolean timedOut() {
    return timedOut;
  }

  boolean cancelled() {
    return cancelled;
  }

  private static String stripOneSpace(String value) {
    return value.startsWith(" ") ? value.substring(1) : value;
  }

  private void check() {
    if (cancelRequested.getAsBoolean()) {
      cancelled = true;
      closeBody();
    } else if (System.nanoTime() - lastActivity > idleNanos) {
      timedOut = true;
      closeBody();
    }
  }

  private void closeBody() {
    watch.cancel(false);
    try {
      body.close();
    } catch (IOException ignored) {
      // closing is only to wake the reader; a failure here changes nothing
    }
  }

  @Override
  public void close() {
    closeBody();
  }
}
