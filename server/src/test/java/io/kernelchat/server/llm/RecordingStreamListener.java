package io.kernelchat.server.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Records a stream's calls in order so tests can take them one by one with a timeout. */
class RecordingStreamListener implements ChatStreamListener {
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

  @Override
  public void onTextDelta(String delta) {
    events.add(delta);
  }

  @Override
  public void onComplete(ChatResponse response) {
    events.add(response);
  }

  @Override
  public void onError(LlmException error) {
    events.add(error);
  }

  /** All text deltas up to the terminal call, joined; then the terminal event, which must be of this type. */
  <T> T textThen(Class<T> terminal, StringBuilder text) throws InterruptedException {
    while (true) {
      Object event = events.poll(20, TimeUnit.SECONDS);
      assertThat(event).as("a stream event within 20 s").isNotNull();
      if (event instanceof String delta) {
        text.append(delta);
      } else {
        assertThat(event).isInstanceOf(terminal);
        return terminal.cast(event);
      }
    }
  }

  <T> T terminal(Class<T> type) throws InterruptedException {
    return textThen(type, new StringBuilder());
  }

  /** Nothing may follow the terminal call. */
  void assertNothingMore() throws InterruptedException {
    assertThat(events.poll(100, TimeUnit.MILLISECONDS)).isNull();
  }
}
