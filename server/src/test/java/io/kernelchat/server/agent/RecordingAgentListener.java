package io.kernelchat.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.kernelchat.jupyter.ExecutionResult;
import io.kernelchat.jupyter.Output;
import io.kernelchat.jupyter.StreamOutput;
import io.kernelchat.server.llm.AssistantMessage;
import io.kernelchat.server.llm.LlmException;
import io.kernelchat.server.llm.ToolResultMessage;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Records a turn's events as short strings ("text:..." for runs of deltas, "assistant:...", "cell_start:...",
 * "output:...", "cell_end:OK", "tool_result:...", "error:code", "turn_end:DONE") for tests to take in order.
 */
class RecordingAgentListener implements AgentListener {
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final StringBuilder text = new StringBuilder();

  @Override
  public void onTextDelta(String delta) {
    text.append(delta);
  }

  @Override
  public void onAssistantMessage(AssistantMessage message) {
    flushText();
    events.add("assistant:" + message.text() + (message.toolCalls().isEmpty() ? "" : " [" + message.toolCalls().size() + " call]"));
  }

  @Override
  public void onCellStart(String cellId, String code) {
    flushText();
    events.add("cell_start:" + code);
  }

  @Override
  public void onOutput(String cellId, Output output) {
    events.add("output:" + (output instanceof StreamOutput s ? s.text() : output.getClass().getSimpleName()));
  }

  @Override
  public void onCellEnd(String cellId, ExecutionResult result, Duration took) {
    events.add("cell_end:" + result.status());
  }

  @Override
  public void onToolResult(ToolResultMessage message) {
    events.add("tool_result:" + message.text());
  }

  @Override
  public void onError(LlmException error) {
    flushText();
    events.add("error:" + error.code());
  }

  @Override
  public void onTurnEnd(TurnOutcome outcome) {
    flushText();
    events.add("turn_end:" + outcome.reason());
  }

  private synchronized void flushText() {
    if (text.length() > 0) {
      events.add("text:" + text);
      text.setLength(0);
    }
  }

  String next() throws InterruptedException {
    String event = events.poll(30, TimeUnit.SECONDS);
    assertThat(event).as("an agent event within 30 s").isNotNull();
    return event;
  }

  /** Takes events until one starts with {@code prefix}, returning it. */
  String nextStartingWith(String prefix) throws InterruptedException {
    while (true) {
      String event = next();
      if (event.startsWith(prefix)) {
        return event;
      }
    }
  }

  /**
   * Takes the cell's stream outputs up to the event that ends them, which must be {@code end}, and returns their
   * text joined: a kernel may split one print into several stream messages (ipykernel 6 sometimes sends "42" and
   * "\n" apart), so tests compare what the user saw, not how it was cut.
   */
  String outputsThen(String end) throws InterruptedException {
    StringBuilder joined = new StringBuilder();
    for (String event = next(); ; event = next()) {
      if (!event.startsWith("output:")) {
        assertThat(event).as("the event after the outputs").isEqualTo(end);
        return joined.toString();
      }
      joined.append(event, "output:".length(), event.length());
    }
  }

  void assertNothingMore() throws InterruptedException {
    assertThat(events.poll(100, TimeUnit.MILLISECONDS)).isNull();
  }
}
