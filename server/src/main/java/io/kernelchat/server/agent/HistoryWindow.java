package io.kernelchat.server.agent;

import io.kernelchat.server.llm.AssistantMessage;
import io.kernelchat.server.llm.ChatMessage;
import io.kernelchat.server.llm.SystemMessage;
import io.kernelchat.server.llm.ToolResultMessage;
import io.kernelchat.server.llm.UserMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Fits a history into a model's context by an estimate of tokens: keeps the newest messages, drops the
 * oldest, never separates a tool call from its results, and starts at a user message where it can.
 */
final class HistoryWindow {
  private static final int CHARS_PER_TOKEN = 4;
  private static final int TOKENS_PER_MESSAGE = 6;
  private static final int TOKENS_PER_IMAGE = 1000;

  private HistoryWindow() {}

  /** The newest messages whose estimate fits {@code budgetTokens}; the newest group is always kept. */
  static List<ChatMessage> fit(List<ChatMessage> history, int budgetTokens) {
    List<List<ChatMessage>> groups = groups(history);
    int used = 0;
    int first = groups.size();
    while (first > 0) {
      int cost = groups.get(first - 1).stream().mapToInt(HistoryWindow::estimate).sum();
      if (first < groups.size() && used + cost > budgetTokens) {
        break;
      }
      used += cost;
      first--;
    }
    while (first < groups.size() - 1 && !(groups.get(first).get(0) instanceof UserMessage)) {
      first++; // providers expect the conversation to open with the user
    }
    List<ChatMessage> kept = new ArrayList<>();
    groups.subList(first, groups.size()).forEach(kept::addAll);
    return kept;
  }

  static int estimate(ChatMessage message) {
    int chars;
    int images = 0;
    if (message instanceof SystemMessage m) {
      chars = m.text().length();
    } else if (message instanceof UserMessage m) {
      chars = m.text().length();
      images = m.images().size();
    } else if (message instanceof AssistantMessage m) {
      chars = m.text().length() + m.toolCalls().stream().mapToInt(c -> c.argumentsJson().length() + 20).sum();
    } else {
      ToolResultMessage m = (ToolResultMessage) message;
      chars = m.text().length();
      images = m.images().size();
    }
    return TOKENS_PER_MESSAGE + chars / CHARS_PER_TOKEN + images * TOKENS_PER_IMAGE;
  }

  /** Each message starts a group, except tool results, which join the call before them. */
  private static List<List<ChatMessage>> groups(List<ChatMessage> history) {
    List<List<ChatMessage>> groups = new ArrayList<>();
    for (ChatMessage message : history) {
      if (message instanceof ToolResultMessage && !groups.isEmpty()) {
        groups.get(groups.size() - 1).add(message);
      } else {
        groups.add(new ArrayList<>(List.of(message)));
      }
    }
    return groups;
  }
}
