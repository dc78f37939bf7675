package io.kernelchat.server.conversation;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ConversationEventsTest {
  @Test
  void aReaderGetsExactlyTheEventsAfterItsCursor() throws Exception {
    ConversationEvents events = new ConversationEvents(100, 10, 1_000_000);
    for (int i = 0; i < 5; i++) {
      events.publish("message", json("{\"n\":" + i + "}"));
    }
    ConversationEvents.Batch batch = events.after(101, 0);
    assertThat(batch.reset()).isFalse();
    assertThat(batch.events()).extracting(ConversationEvents.Event::id).containsExactly(102L, 103L, 104L);
    assertThat(events.after(104, 0).events()).isEmpty();
  }

  @Test
  void aCursorOlderThanTheBufferOrFromTheFutureGetsAReset() throws Exception {
    ConversationEvents events = new ConversationEvents(1, 3, 1_000_000);
    for (int i = 0; i < 10; i++) {
      events.publish("output", json("{}"));
    }
    assertThat(events.after(7, 0).events()).extracting(ConversationEvents.Event::id).containsExactly(8L, 9L, 10L);
    assertThat(events.after(6, 0).reset()).isTrue();
    assertThat(events.after(11, 0).reset()).isTrue();
  }

  @Test
  void theBufferAlsoDropsOldEventsPastItsByteBudget() throws Exception {
    ConversationEvents events = new ConversationEvents(1, 100, 25);
    for (int i = 0; i < 5; i++) {
      events.publish("output", json("0123456789"));
    }
    assertThat(events.after(3, 0).events()).extracting(ConversationEvents.Event::id).containsExactly(4L, 5L);
    assertThat(events.after(2, 0).reset()).isTrue();
  }

  @Test
  void aWaitingReaderWakesOnTheNextEventAndOnClose() throws Exception {
    ConversationEvents events = new ConversationEvents(1, 10, 1000);
    CompletableFuture<ConversationEvents.Batch> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return events.after(0, 10_000);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(100);
    events.publish("message", json("{}"));
    assertThat(waiting.get().events()).hasSize(1);

    CompletableFuture<ConversationEvents.Batch> closing = CompletableFuture.supplyAsync(() -> {
      try {
        return events.after(1, 10_000);
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    Thread.sleep(100);
    events.close();
    assertThat(closing.get().closed()).isTrue();
  }

  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
