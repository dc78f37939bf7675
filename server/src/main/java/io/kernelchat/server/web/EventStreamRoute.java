package io.kernelchat.server.web;

import io.javalin.http.Context;
import io.kernelchat.server.conversation.ConversationEvents;
import io.kernelchat.server.conversation.Conversations;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /api/conversations/{id}/events}: Server-Sent Events written straight to the response, one
 * flush per batch. The cursor is {@code Last-Event-ID} (or {@code ?lastEventId=}, for a page that has just
 * loaded the transcript); a failed write means the client left, and ends the stream.
 */
final class EventStreamRoute {
  private static final long HEARTBEAT_MILLIS = 15_000;
  private final Conversations conversations;

  EventStreamRoute(Conversations conversations) {
    this.conversations = conversations;
  }

  void stream(Context ctx) throws InterruptedException {
    ConversationEvents events = conversations.get(ctx.pathParam("id")).events();
    long cursor = cursor(ctx, events);
    HttpServletResponse res = ctx.res();
    res.setStatus(200);
    res.setContentType("text/event-stream;charset=utf-8");
    res.setHeader("Cache-Control", "no-cache");
    res.setHeader("X-Accel-Buffering", "no");
    try {
      OutputStream out = new BufferedOutputStream(res.getOutputStream(), 64 * 1024);
      write(out, ": connected\n\n");
      out.flush();
      while (true) {
        ConversationEvents.Batch batch = events.after(cursor, HEARTBEAT_MILLIS);
        if (batch.closed()) {
          return;
        }
        if (batch.reset()) {
          cursor = batch.lastId();
          write(out, "id: " + cursor + "\nevent: reset\ndata: {}\n\n");
        }
        for (ConversationEvents.Event e : batch.events()) {
          write(out, "id: " + e.id() + "\nevent: " + e.type() + "\ndata: ");
          out.write(e.data());   // UTF-8 JSON already: no encoding on this thread
          write(out, "\n\n");
          cursor = e.id();
        }
        if (!batch.reset() && batch.events().isEmpty()) {
          write(out, ": heartbeat\n\n");
        }
        out.flush();   // one flush per batch: the client sees every event as soon as it is written
      }
    } catch (IOException e) {
      // The client went away; nothing to clean up, readers hold no state in the event buffer.
    }
  }

  private static void write(OutputStream out, String text) throws IOException {
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }

  private static long cursor(Context ctx, ConversationEvents events) {
    String header = ctx.header("Last-Event-ID");
    String value = header != null ? header : ctx.queryParam("lastEventId");
    if (value == null || value.isBlank()) {
      return events.lastId();
    }
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("last_event_id", "Last-Event-ID must be an event id, was " + value);
    }
  }
}
