package io.kernelchat.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Milliseconds from POSTing a flood of prints to its last byte arriving over the event stream. The stream
 * is read on a plain socket ({@link KeepAliveHttp}), lines are cut from the raw bytes and each output event's
 * JSON is parsed from its bytes, as the pyzmq baseline parses each message with json.loads: the reader should
 * cost no more than the baseline's, so the server is measured.
 */
final class SseFlood {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ServerProcess server;
  private final String id;
  private final String code;
  private final long chars;

  SseFlood(ServerProcess server, String id, String code, long chars) {
    this.server = server;
    this.id = id;
    this.code = code;
    this.chars = chars;
  }

  double run() throws Exception {
    try (KeepAliveHttp connection = server.keepAlive()) {
      InputStream body = connection.openEventStream("/api/conversations/" + id + "/events");
      ByteLines in = new ByteLines(body);
      in.next();   // ": connected": the stream is subscribed before the code is sent
      long start = System.nanoTime();
      // The finished cell comes back with all 10 MB of its output: taken as bytes, not parsed, so that the
      // bench does not compete with its own stream reader for the 2 cores.
      CompletableFuture<?> cell = CompletableFuture.runAsync(() -> {
        try (KeepAliveHttp post = server.keepAlive()) {
          post.post("/api/conversations/" + id + "/execute", JSON.writeValueAsString(Map.of("code", code)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      long received = 0;
      String type = "";
      while (received < chars && in.next()) {
        if (in.startsWith("event: ")) {
          type = new String(in.buffer, in.lineStart + 7, in.lineEnd - in.lineStart - 7, StandardCharsets.UTF_8);
        } else if (in.startsWith("data: ") && type.equals("output")) {
          JsonNode output = JSON.readTree(in.buffer, in.lineStart + 6, in.lineEnd - in.lineStart - 6).get("output");
          received += output.path("text").asText().length();
        }
      }
      double millis = (System.nanoTime() - start) / 1e6;
      cell.get(5, TimeUnit.MINUTES);
      if (received != chars) {
        throw new IllegalStateException("the stream carried " + received + " of " + chars + " chars");
      }
      return millis;
    }
  }

  /** Lines of a byte stream, read in large blocks; the current line is {@code buffer[lineStart, lineEnd)}. */
  private static final class ByteLines {
    private final InputStream in;
    byte[] buffer = new byte[1 << 20];
    int lineStart;
    int lineEnd;
    private int start;     // unconsumed bytes are buffer[start, end)
    private int end;
    private int scanned;   // buffer[start, scanned) holds no newline

    ByteLines(InputStream in) {
      this.in = in;
    }

    boolean next() throws IOException {
      while (true) {
        for (int i = Math.max(scanned, start); i < end; i++) {
          if (buffer[i] == '\n') {
            lineStart = start;
            lineEnd = i;
            start = i + 1;
            scanned = start;
            return true;
          }
        }
        int pending = end - start;
        if (start > 0) {
          System.arraycopy(buffer, start, buffer, 0, pending);
        }
        start = 0;
        end = pending;
        scanned = pending;
        if (end == buffer.length) {
          buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
          return false;
        }
        end += n;
      }
    }

    boolean startsWith(String prefix) {
      if (lineEnd - lineStart < prefix.length()) {
        return false;
      }
      for (int i = 0; i < prefix.length(); i++) {
        if (buffer[lineStart + i] != prefix.charAt(i)) {
          return false;
        }
      }
      return true;
    }
  }
}
