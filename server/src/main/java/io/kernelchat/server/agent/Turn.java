package io.kernelchat.server.agent;

import io.kernelchat.server.llm.AssistantMessage;
import io.kernelchat.server.llm.ChatMessage;
import io.kernelchat.server.llm.ChatModel;
import io.kernelchat.server.llm.ChatRequest;
import io.kernelchat.server.llm.ChatResponse;
import io.kernelchat.server.llm.ChatStreamListener;
import io.kernelchat.server.llm.Image;
import io.kernelchat.server.llm.LlmException;
import io.kernelchat.server.llm.SystemMessage;
import io.kernelchat.server.llm.TokenUsage;
import io.kernelchat.server.llm.ToolCall;
import io.kernelchat.server.llm.ToolResultMessage;
import io.kernelchat.server.llm.UserMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One turn's state: the growing history, what it added, the tokens used, and the loop itself. */
final class Turn {
  private final ChatModel model;
  private final Runnable onToolsRejected;
  private final AgentSettings settings;
  private final List<ChatMessage> messages;
  private final List<ChatMessage> added = new ArrayList<>();
  private final AgentListener listener;
  private final StopSignal stop;
  private final CellRunner cells;
  private final KernelLanguage language;
  private boolean tools;
  private TokenUsage usage;

  Turn(ChatModel model, boolean tools, Runnable onToolsRejected, AgentSettings settings, List<ChatMessage> history,
       CodeRunner runner, AgentListener listener, StopSignal stop) {
    this.model = model;
    this.tools = tools;
    this.onToolsRejected = onToolsRejected;
    this.settings = settings;
    this.messages = new ArrayList<>(history);
    this.listener = listener;
    this.stop = stop;
    this.cells = new CellRunner(runner, listener, stop, settings.outputBudgetChars());
    this.language = runner.language();
  }

  TurnOutcome run() {
    for (int step = 0; step < settings.maxSteps(); step++) {
      if (stop.isStopped()) {
        return end(TurnOutcome.Reason.STOPPED, null);
      }
      StreamedReply reply = ask();
      if (reply.error != null) {
        if (!reply.text.isEmpty()) {
          add(new AssistantMessage(reply.text.toString()));
        }
        if (reply.error instanceof LlmException.Cancelled || stop.isStopped()) {
          return end(TurnOutcome.Reason.STOPPED, null);
        }
        listener.onError(reply.error);
        return end(TurnOutcome.Reason.ERROR, reply.error);
      }
      usage = usage == null ? reply.response.usage() : usage.plus(reply.response.usage());
      String text = reply.response.text();
      List<ToolCall> calls = tools ? reply.response.toolCalls() : FencedCode.calls(text, language);
      add(new AssistantMessage(text, calls));
      if (calls.isEmpty()) {
        return end(TurnOutcome.Reason.DONE, null);
      }
      runAll(calls);
      if (stop.isStopped()) {
        return end(TurnOutcome.Reason.STOPPED, null);
      }
    }
    return end(TurnOutcome.Reason.STEP_LIMIT, null);
  }

  /** Streams one reply; a provider that rejects tools gets the same request again in fenced form. */
  private StreamedReply ask() {
    StreamedReply reply = new StreamedReply();
    model.stream(request(), reply, stop::isStopped);
    if (tools && reply.error instanceof LlmException.ToolsNotSupported && reply.text.isEmpty()) {
      tools = false;
      onToolsRejected.run();
      return ask();
    }
    return reply;
  }

  private ChatRequest request() {
    String prompt = SystemPrompt.build(cells.files(), settings.packages(), tools, language);
    int context = model.info().contextTokens();
    int budget = context - Math.min(4096, context / 4) - prompt.length() / 4 - 200;
    List<ChatMessage> visible = model.info().vision() ? withoutAnsweredImages(messages)
        : messages.stream().map(Turn::withoutImages).toList();
    List<ChatMessage> history = HistoryWindow.fit(tools ? visible : FencedCode.render(visible), budget);
    List<ChatMessage> all = new ArrayList<>(history.size() + 1);
    all.add(new SystemMessage(prompt));
    all.addAll(history);
    return new ChatRequest(all, tools ? List.of(CodeTool.spec(language)) : List.of());
  }

  private void runAll(List<ToolCall> calls) {
    boolean earlierFailed = false;
    for (ToolCall call : calls) {
      Optional<String> code = CodeTool.code(call, language);
      String text;
      List<Image> images = List.of();
      if (code.isEmpty()) {
        text = CodeTool.whyNotRun(call, language);
      } else if (stop.isStopped()) {
        text = "Not run: the user stopped the turn.";
      } else if (earlierFailed) {
        text = "Not run: an earlier cell of this reply failed.";
      } else {
        CellRunner.Digest cell = cells.run(code.get());
        text = cell.text();
        images = model.info().vision() ? cell.images() : List.of();
        earlierFailed = cell.failed();
      }
      ToolResultMessage result = new ToolResultMessage(call.id(), text, images);
      added.add(result);
      messages.add(result);
      listener.onToolResult(result);
    }
  }

  private void add(AssistantMessage message) {
    added.add(message);
    messages.add(message);
    listener.onAssistantMessage(message);
  }

  private TurnOutcome end(TurnOutcome.Reason reason, LlmException error) {
    return new TurnOutcome(reason, added, usage, error);
  }

  /**
   * The history with the images of the code's cells only until the model has answered them: a plot is sent in the
   * call after the code that drew it, and not again. Sent again it costs about a thousand input tokens on every later
   * call (docs/performance.md, "What a turn costs in tokens"), and tells the model nothing that its answer, the code
   * and the cell's "[image/png shown to the user]" do not; the kernel can draw it again. The person's own images stay.
   */
  private static List<ChatMessage> withoutAnsweredImages(List<ChatMessage> history) {
    int answered = history.size();
    while (answered > 0 && !(history.get(answered - 1) instanceof AssistantMessage)) {
      answered--;
    }
    List<ChatMessage> visible = new ArrayList<>(history.size());
    for (int i = 0; i < history.size(); i++) {
      ChatMessage m = history.get(i);
      visible.add(i < answered && m instanceof ToolResultMessage ? withoutImages(m) : m);
    }
    return visible;
  }

  private static ChatMessage withoutImages(ChatMessage message) {
    if (message instanceof UserMessage m && !m.images().isEmpty()) {
      return new UserMessage(m.text());
    }
    if (message instanceof ToolResultMessage m && !m.images().isEmpty()) {
      return new ToolResultMessage(m.toolCallId(), m.text(), List.of());
    }
    return message;
  }

  /** Collects one streamed reply; the model's call has returned once a terminal call was made. */
  private final class StreamedReply implements ChatStreamListener {
    final StringBuilder text = new StringBuilder();
    ChatResponse response;
    LlmException error;

    @Override
    public void onTextDelta(String delta) {
      text.append(delta);
      listener.onTextDelta(delta);
    }

    @Override
    public void onComplete(ChatResponse complete) {
      response = complete;
    }

    @Override
    public void onError(LlmException failure) {
      error = failure;
    }
  }
}
