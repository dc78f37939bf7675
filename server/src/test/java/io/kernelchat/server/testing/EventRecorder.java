package io.kernelchat.server.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.conversation.ApiJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Reads a conversation's event stream on its own thread, parsing the raw SSE lines into events in a queue.
 * Closing it drops the connection (as a browser tab that goes away would).
 */
public final class EventRecorder implements AutoCloseable {
  public record Event(long id, String type, JsonNode data) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final InputStream body;
  private final Thread reader;
  private final int status;

  private EventRecorder(InputStream body, int status) {
    this.body = body;
    this.status = status;
    this.reader = new Thread(this::read, "sse-recorder");
    reader.setDaemon(true);
    reader.start();
  }

  /** Opens the stream; {@code lastEventId} null means "from now". */
  public static EventRecorder open(RunningServer server, String conversationId, Long lastEventId) throws Exception {
    HttpRequest.Builder request = server.request("/api/conversations/" + conversationId + "/events")
        .header("Accept", "text/event-stream").timeout(java.time.Duration.ofMinutes(5));
    if (lastEventId != null) {
      request.header("Last-Event-ID", Long.toString(lastEventId));
    }
    HttpResponse<InputStream> response = server.http().send(request.GET().build(),
        HttpResponse.BodyHandlers.ofInputStream());
    return new EventRecorder(response.body(), response.statusCode());
  }

  public int status() {
    return status;
  }

  /** The next event, failing after {@code seconds}. */
  public Event next(long seconds) throws InterruptedException {
    Event e = events.poll(seconds, TimeUnit.SECONDS);
    if (e == null) {
      throw new AssertionError("no event within " + seconds + " s");
    }
    return e;
  }

  /** Events up to and including the first that matches, failing after {@code seconds} in all. */
  public List<Event> until(Predicate<Event> last, long seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Event> seen = new ArrayList<>();
    while (true) {
      Event e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (e == null) {
        throw new AssertionError("no matching event within " + seconds + " s; saw " + seen.stream().map(Event::type).toList());
      }
      seen.add(e);
      if (last.test(e)) {
        return seen;
      }
    }
  }

  public List<Event> drain() {
    List<Event> out = new ArrayList<>();
    events.drainTo(out);
    return out;
  }

  private void read() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
      long id = -1;
      String type = "message";
      StringBuilder data = new StringBuilder();
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            events.add(new Event(id, type, ApiJson.read(data.toString())));
          }
          type = "message";
          data.setLength(0);
        } else if (line.startsWith("id: ")) {
          id = Long.parseLong(line.substring(4));
        } else if (line.startsWith("event: ")) {
          type = line.substring(7);
        } else if (line.startsWith("data: ")) {
          data.append(line.substring(6));
        }
      }
    } catch (IOException e) {
      // closed by the test
    }
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
