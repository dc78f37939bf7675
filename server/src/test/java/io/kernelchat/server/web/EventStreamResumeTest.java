package io.kernelchat.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.kernelchat.server.testing.EventRecorder;
import io.kernelchat.server.testing.OneServerPerClass;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class EventStreamResumeTest extends OneServerPerClass {
  @Test
  void droppingTheStreamInTheMiddleOfA2000LinePrintAndResumingDeliversEveryLineOnce() throws Exception {
    String id = server.newConversation();
    server.execute(id, "import time");
    List<EventRecorder.Event> received = new ArrayList<>();
    EventRecorder first = EventRecorder.open(server, id, null);
    CompletableFuture<?> cell = CompletableFuture.runAsync(() -> server.execute(id,
        "for i in range(2000):\n    print(f'line {i}', flush=True)\n    if i % 50 == 0: time.sleep(0.05)"));
    received.addAll(first.until(e -> e.type().equals("output") && e.data().get("output").get("text").asText()
        .contains("line 300"), 60));
    first.close();
    Thread.sleep(300);   // more events happen while no one listens
    received.addAll(first.drain());
    long lastSeen = received.get(received.size() - 1).id();

    try (EventRecorder second = EventRecorder.open(server, id, lastSeen)) {
      received.addAll(second.until(e -> e.type().equals("cell_end"), 60));
    }
    cell.join();

    assertThat(received).extracting(EventRecorder.Event::id).doesNotHaveDuplicates().isSorted();
    StringBuilder text = new StringBuilder();
    received.stream().filter(e -> e.type().equals("output"))
        .forEach(e -> text.append(e.data().get("output").get("text").asText()));
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      expected.add("line " + i);
    }
    assertThat(text.toString().split("\n")).containsExactlyElementsOf(expected);
  }

  @Test
  void aLastEventIdOlderThanTheBufferOrFromAnEarlierRunGetsAReset() throws Exception {
    String id = server.newConversation();
    server.postJson("/api/conversations/" + id + "/context", "{\"text\":\"hello\"}", 201);
    try (EventRecorder stale = EventRecorder.open(server, id, 1L)) {
      EventRecorder.Event reset = stale.next(10);
      assertThat(reset.type()).isEqualTo("reset");
      server.postJson("/api/conversations/" + id + "/context", "{\"text\":\"after\"}", 201);
      assertThat(stale.next(10).data().get("text").asText()).isEqualTo("after");
    }
  }

  @Test
  void theTranscriptsLastEventIdResumesExactlyAfterWhatItShows() throws Exception {
    String id = server.newConversation();
    server.postJson("/api/conversations/" + id + "/context", "{\"text\":\"one\"}", 201);
    long lastEventId = server.getJson("/api/conversations/" + id).get("lastEventId").asLong();
    server.postJson("/api/conversations/" + id + "/context", "{\"text\":\"two\"}", 201);
    try (EventRecorder events = EventRecorder.open(server, id, lastEventId)) {
      EventRecorder.Event next = events.next(10);
      assertThat(next.type()).isEqualTo("message");
      assertThat(next.data().get("text").asText()).isEqualTo("two");
    }
  }
}
