package io.kernelchat.server.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/** The shapes of docs/api.md, as the API and the event stream send them. */
public final class Views {
  private Views() {}

  /** {@code kernelspec}: the name of the kernelspec its kernel runs (a {@link KernelspecView}'s). */
  public record ConversationView(String id, String title, String model, long createdAt, long updatedAt,
                                 boolean running, boolean network, String kernelspec, String approval,
                                 Tokens tokens) {}

  /** A kernelspec this server can start, for {@code GET /api/kernelspecs}. */
  public record KernelspecView(String name, String displayName, String language) {}

  /** {@code default}: the kernelspec a conversation gets when it names none ({@code --kernel}). */
  public record KernelspecList(List<KernelspecView> kernelspecs, @JsonProperty("default") String defaultName) {}

  /** {@code usage}: on a user message whose turn has ended, what the turn used. */
  public record MessageView(String kind, String id, String role, String text, long createdAt,
                            @JsonInclude(JsonInclude.Include.NON_NULL) Tokens usage) {
    public MessageView(String id, String role, String text, long createdAt) {
      this("message", id, role, text, createdAt, null);
    }
  }

  /** A cell; its outputs are JSON as stored, sent as they are (a cell can hold megabytes of output). */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record CellView(String kind, String id, String code, String source, String status, Integer executionCount,
                         List<Utf8Json> outputs, Long durationMs, long createdAt,
                         @JsonInclude(JsonInclude.Include.NON_NULL) InputPrompt input) {
    public CellView(String id, String code, String source, String status, Integer executionCount,
                    List<Utf8Json> outputs, Long durationMs, long createdAt) {
      this("cell", id, code, source, status, executionCount, outputs, durationMs, createdAt, null);
    }

    /** The same cell waiting for the person to answer {@code input()}. */
    public CellView waitingFor(InputPrompt prompt) {
      return new CellView(kind, id, code, source, status, executionCount, outputs, durationMs, createdAt, prompt);
    }
  }

  /** What a cell waiting for input asks; {@code password}: the answer is masked and never kept. */
  public record InputPrompt(String prompt, boolean password) {}

  public record InputRequestEvent(String cellId, String prompt, boolean password) {}

  public record InputEnd(String cellId) {}

  /** {@code hasEarlier}: the conversation has items before the first of {@code items} (a page of them was asked for). */
  public record Transcript(String id, String title, String model, long createdAt, long updatedAt, boolean running,
                           String kernelspec, String approval, Tokens tokens, List<Object> items,
                           List<FileInfo> files, KernelStatus kernel, long lastEventId, boolean hasEarlier) {}

  public record CellEnd(String cellId, String status, Integer executionCount, long durationMs) {}

  public record OutputEvent(String cellId, JsonNode output) {}

  public record FileEvent(String change, FileInfo file) {}

  public record TextDelta(String messageId, String delta) {}

  /**
   * A kernel's state, whether it is sandboxed ({@code "on"}/{@code "off"}), whether it has a network, and
   * why it is stopped ({@code "evicted"}: its slot went to another conversation; null otherwise).
   */
  public record KernelStatus(String status, String sandbox, boolean network, String reason) {}

  /** {@code GET /api/sandbox}: {@code "on"} or {@code "off"}, what confines kernels or why nothing does. */
  public record SandboxView(String sandbox, String reason, boolean networkByDefault) {}

  public record TurnStart(String turnId) {}

  /** {@code messageId}: the user's message the turn answered; {@code usage}: null when no model answered. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TurnEnd(String turnId, String reason, String messageId, Tokens usage) {}

  /**
   * Tokens as the provider counted them ({@code inputTokens} includes the cached ones) and, where the model has a
   * configured price, their cost in US dollars.
   */
  public record Tokens(long inputTokens, long outputTokens, long cachedInputTokens,
                       @JsonInclude(JsonInclude.Include.NON_NULL) Double costUsd) {}

  public record ErrorEvent(String code, String message) {}
}
