package io.kernelchat.server.conversation;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One conversation's event stream: every event gets the next id and goes into a bounded replay buffer, so
 * a client that reconnects with the last id it saw gets exactly the events it missed. Readers pull (no
 * per-reader queue), so a slow or vanished reader costs nothing; one that falls behind the buffer is told
 * to reset and reload the transcript.
 *
 * <p>Ids start at this process's start time in microseconds, so they keep increasing across server
 * restarts and an id from an earlier run is always recognised as older than the buffer.
 */
public final class ConversationEvents {
  /** An event as sent: {@code data} is already JSON, in UTF-8 (what goes on the wire, encoded once). */
  public record Event(long id, String type, byte[] data) {}

  /** What a reader gets: events after its cursor, or {@code reset} when some were dropped from the buffer. */
  public record Batch(List<Event> events, boolean reset, boolean closed, long lastId) {}

  private final Event[] ring;   // ids in the ring are consecutive, so an id's slot is found by arithmetic
  private int head;
  private int size;
  private final int maxEvents;
  private final long maxBytes;
  private long bytes;
  private long lastId;
  private boolean closed;

  public ConversationEvents(long firstId, int maxEvents, long maxBytes) {
    this.lastId = firstId - 1;
    this.maxEvents = maxEvents;
    this.ring = new Event[maxEvents];
    this.maxBytes = maxBytes;
  }

  public static long firstIdForThisProcess() {
    return TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis());
  }

  public synchronized Event publish(String type, byte[] data) {
    Event event = new Event(++lastId, type, data);
    if (closed) {
      return event;
    }
    if (size == maxEvents) {
      dropOldest();
    }
    ring[(head + size++) % maxEvents] = event;
    bytes += data.length;
    while (bytes > maxBytes && size > 1) {
      dropOldest();
    }
    notifyAll();
    return event;
  }

  public synchronized long lastId() {
    return lastId;
  }

  /**
   * The events after {@code cursor}, waiting up to {@code waitMillis} for one when there are none yet.
   * A cursor from the future (an earlier run's id) or older than the buffer gives a reset.
   */
  public synchronized Batch after(long cursor, long waitMillis) throws InterruptedException {
    long deadline = System.currentTimeMillis() + waitMillis;
    while (!closed && cursor == lastId) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        break;
      }
      wait(left);
    }
    long oldest = size == 0 ? lastId + 1 : ring[head].id();
    if (cursor > lastId || cursor < oldest - 1) {
      return new Batch(List.of(), true, closed, lastId);
    }
    List<Event> out = new ArrayList<>((int) (lastId - cursor));
    for (int i = (int) (cursor + 1 - oldest); i < size; i++) {
      out.add(ring[(head + i) % maxEvents]);
    }
    return new Batch(out, false, closed, lastId);
  }

  /** Wakes every reader and ends their streams (the conversation was deleted or the server stops). */
  public synchronized void close() {
    closed = true;
    java.util.Arrays.fill(ring, null);
    size = 0;
    notifyAll();
  }

  private void dropOldest() {
    bytes -= ring[head].data().length;
    ring[head] = null;
    head = (head + 1) % maxEvents;
    size--;
  }
}
