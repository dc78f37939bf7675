package io.kernelchat.server.agent;

import io.kernelchat.server.llm.ChatMessage;
import io.kernelchat.server.llm.ChatModel;
import io.kernelchat.server.llm.LlmException;
import io.kernelchat.server.llm.ModelRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs turns: the model writes code, the code runs in the user's kernel, the model reads the output and
 * carries on until it answers without code, the step limit is reached, the user stops it, or an error.
 * Models whose provider rejects tools are switched to fenced code blocks for the life of this agent.
 */
public final class Agent {
  private final ModelRegistry models;
  private final AgentSettings settings;
  private final Set<String> toolsRejected = ConcurrentHashMap.newKeySet();

  public Agent(ModelRegistry models, AgentSettings settings) {
    this.models = models;
    this.settings = settings;
  }

  /**
   * Runs one turn on this thread. {@code history} is the stored conversation ending with the user's new
   * message (no system prompt: the agent writes it). Returns the messages the turn added, also reported
   * to {@code listener} as they happen, and {@link AgentListener#onTurnEnd} last. Model failures and
   * kernel failures ({@code KernelException}, shown to the model as the cell's error) end in an outcome;
   * any other exception from the runner propagates to the caller, without {@code onTurnEnd}.
   */
  public TurnOutcome runTurn(String model, List<ChatMessage> history, CodeRunner runner, AgentListener listener,
                             StopSignal stop) {
    TurnOutcome outcome;
    try {
      ChatModel chat = models.model(model);
      boolean tools = chat.info().tools() && !toolsRejected.contains(chat.info().id());
      outcome = new Turn(chat, tools, () -> toolsRejected.add(chat.info().id()), settings, history, runner,
          listener, stop).run();
    } catch (LlmException noSuchModel) {
      listener.onError(noSuchModel);
      outcome = new TurnOutcome(TurnOutcome.Reason.ERROR, List.of(), null, noSuchModel);
    }
    listener.onTurnEnd(outcome);
    return outcome;
  }
}
