package io.kernelchat.server.llm.fake;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes a streamed (chunked) text/event-stream response, flushing every event as a real server does. */
final class SseWriter implements AutoCloseable {
  private final OutputStream out;

  SseWriter(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.getResponseHeaders().add("Cache-Control", "no-cache");
    exchange.sendResponseHeaders(200, 0);
    this.out = exchange.getResponseBody();
  }

  void event(String name, String data) throws IOException {
    String frame = (name == null ? "" : "event: " + name + "\n") + "data: " + data + "\n\n";
    out.write(frame.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  void data(String data) throws IOException {
    event(null, data);
  }

  /** Holds the stream open without sending anything, as a stalled server would. */
  void stall(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
