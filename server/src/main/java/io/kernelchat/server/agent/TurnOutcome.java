package io.kernelchat.server.agent;

import io.kernelchat.server.llm.ChatMessage;
import io.kernelchat.server.llm.LlmException;
import io.kernelchat.server.llm.TokenUsage;
import java.util.List;

/**
 * How a turn ended, the messages it added to the history (in order, to be stored), the tokens the
 * provider reported (null if none) and the error when {@code reason} is ERROR.
 */
public record TurnOutcome(Reason reason, List<ChatMessage> added, TokenUsage usage, LlmException error) {
  /** Why the turn ended; {@link #wireName()} is the name in the API's turn_end event. */
  public enum Reason {
    DONE, STOPPED, STEP_LIMIT, ERROR;

    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  public TurnOutcome {
    added = List.copyOf(added);
  }
}
