package io.kernelchat.server.agent;

import io.kernelchat.jupyter.ExecutionResult;
import io.kernelchat.jupyter.Output;
import io.kernelchat.server.llm.AssistantMessage;
import io.kernelchat.server.llm.LlmException;
import io.kernelchat.server.llm.ToolResultMessage;
import java.time.Duration;

/**
 * Every step of a turn, in order, on the thread running the turn. {@link #onTurnEnd} is called once, last
 * (unless the {@link CodeRunner} throws something other than a kernel failure: see {@link Agent#runTurn});
 * {@link #onError} (at most once) comes just before it when the turn ends in a model error.
 */
public interface AgentListener {
  default void onTextDelta(String delta) {}

  /** A complete assistant message, as added to the history. */
  default void onAssistantMessage(AssistantMessage message) {}

  default void onCellStart(String cellId, String code) {}

  default void onOutput(String cellId, Output output) {}

  default void onCellEnd(String cellId, ExecutionResult result, Duration took) {}

  /** What the model is shown of a cell (or of a tool call that could not run). */
  default void onToolResult(ToolResultMessage message) {}

  default void onTurnEnd(TurnOutcome outcome) {}

  default void onError(LlmException error) {}
}
