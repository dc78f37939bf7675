package io.kernelchat.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.kernelchat.server.llm.AssistantMessage;
import io.kernelchat.server.llm.ChatMessage;
import io.kernelchat.server.llm.ToolCall;
import io.kernelchat.server.llm.ToolResultMessage;
import io.kernelchat.server.llm.UserMessage;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryWindowTest {
  private static final String HUNDRED_TOKENS = "x".repeat(400);

  private static List<ChatMessage> turnWithCode(String name) {
    ToolCall call = new ToolCall("call_" + name, "python", "{\"code\":\"print(1)\"}");
    return List.of(new UserMessage(name + HUNDRED_TOKENS), new AssistantMessage("", List.of(call)),
        new ToolResultMessage(call.id(), HUNDRED_TOKENS, List.of()), new AssistantMessage(name + " done"));
  }

  @Test
  void aHistoryThatFitsIsKeptWhole() {
    List<ChatMessage> history = turnWithCode("a");
    assertThat(HistoryWindow.fit(history, 10_000)).isEqualTo(history);
  }

  @Test
  void theOldestTurnsAreDroppedFirstAndTheWindowOpensWithAUserMessage() {
    List<ChatMessage> history = new java.util.ArrayList<>(turnWithCode("old"));
    history.addAll(turnWithCode("new"));
    List<ChatMessage> kept = HistoryWindow.fit(history, 300);
    assertThat(kept).isEqualTo(history.subList(4, 8));
    assertThat(kept.get(0)).isInstanceOf(UserMessage.class);
  }

  @Test
  void aToolCallIsNeverSeparatedFromItsResult() {
    List<ChatMessage> history = turnWithCode("only");
    // Room for the last message and the tool result, but not for the call: both must go together.
    List<ChatMessage> kept = HistoryWindow.fit(history, 120);
    assertThat(kept).noneMatch(m -> m instanceof ToolResultMessage);
    assertThat(kept).containsExactly(history.get(3));
  }

  @Test
  void theNewestMessageIsKeptEvenWhenItAloneIsOverBudget() {
    List<ChatMessage> history = List.of(new UserMessage("hi"), new UserMessage(HUNDRED_TOKENS.repeat(10)));
    assertThat(HistoryWindow.fit(history, 50)).containsExactly(history.get(1));
  }
}
