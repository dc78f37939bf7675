package io.kernelchat.server.conversation;

import io.kernelchat.server.agent.Agent;
import io.kernelchat.server.agent.AgentListener;
import io.kernelchat.server.agent.StopSignal;
import io.kernelchat.server.agent.TurnOutcome;
import io.kernelchat.server.llm.AssistantMessage;
import io.kernelchat.server.llm.LlmException;
import io.kernelchat.server.store.TokenTotals;
import io.kernelchat.server.store.TurnTokens;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent turn of a conversation, run on a background thread: it streams the model's text, stores each
 * complete assistant message, appends what the turn added to the history, and always ends with exactly one
 * {@code turn_end} event. The agent's cell callbacks are not needed: its cells run through
 * {@link AgentCodeRunner}, which records them.
 */
final class AgentTurn implements AgentListener {
  private static final Logger log = LoggerFactory.getLogger(AgentTurn.class);
  private final String id = "turn-" + UUID.randomUUID();
  private final Conversation conversation;
  private final ChatHistory history;
  private final StopSignal stop = new StopSignal();
  private final String messageId;
  /** The model the turn asked, which prices its tokens. */
  private String model;
  private String streamingMessageId;
  private boolean finished;

  /** {@code messageId}: the id of the user's message this turn answers. */
  AgentTurn(Conversation conversation, ChatHistory history, String messageId) {
    this.conversation = conversation;
    this.history = history;
    this.messageId = messageId;
  }

  String id() {
    return id;
  }

  String messageId() {
    return messageId;
  }

  void stop() {
    stop.stop();
  }

  /** Runs the turn to its end; the history must already end with the user's message. */
  void run(Supplier<Agent> agent, Supplier<String> model) {
    try {
      this.model = model.get();
      agent.get().runTurn(this.model, history.load(), new AgentCodeRunner(conversation), this, stop);
    } catch (RuntimeException e) {
      // Not a model error (the agent reports those): the kernel limit, a kernel that cannot start, a bug.
      log.warn("turn {} of conversation {} failed: {}", id, conversation.id(), e.toString());
      if (!finished) {
        conversation.publish("error", new Views.ErrorEvent(e instanceof ConversationException c ? c.code()
            : "internal", String.valueOf(e.getMessage())));
        finish(new TurnOutcome(TurnOutcome.Reason.ERROR, List.of(), null, null));
      }
    }
  }

  @Override
  public void onTextDelta(String delta) {
    if (streamingMessageId == null) {
      streamingMessageId = "msg-" + UUID.randomUUID();
    }
    conversation.publish("text_delta", new Views.TextDelta(streamingMessageId, delta));
  }

  @Override
  public void onAssistantMessage(AssistantMessage message) {
    String messageId = streamingMessageId != null ? streamingMessageId : "msg-" + UUID.randomUUID();
    streamingMessageId = null;
    if (!message.text().isBlank()) {
      conversation.addMessage(messageId, "assistant", message.text());
    }
  }

  @Override
  public void onError(LlmException error) {
    String code = error instanceof LlmException.NoModelConfigured ? "unavailable:no_model" : "provider:" + error.code();
    conversation.publish("error", new Views.ErrorEvent(code, error.getMessage()));
    conversation.addMessage("notice", "The model call failed: " + error.getMessage());
  }

  @Override
  public void onTurnEnd(TurnOutcome outcome) {
    finish(outcome);
  }

  private void finish(TurnOutcome outcome) {
    if (finished) {
      return;
    }
    finished = true;
    try {
      history.append(outcome.added());
    } finally {
      TurnTokens used = outcome.usage() == null ? null : new TurnTokens(model, new TokenTotals(
          outcome.usage().inputTokens(), outcome.usage().outputTokens(), outcome.usage().cachedInputTokens()));
      conversation.endTurn(this, outcome.reason().wireName(), used);
    }
  }
}
