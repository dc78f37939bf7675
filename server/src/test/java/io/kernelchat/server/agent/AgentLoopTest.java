package io.kernelchat.server.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.kernelchat.server.llm.AssistantMessage;
import io.kernelchat.server.llm.ChatMessage;
import io.kernelchat.server.llm.LlmException;
import io.kernelchat.server.llm.LlmSettings;
import io.kernelchat.server.llm.ModelRegistry;
import io.kernelchat.server.llm.TokenUsage;
import io.kernelchat.server.llm.ToolResultMessage;
import io.kernelchat.server.llm.UserMessage;
import io.kernelchat.server.llm.fake.FakeOpenAiServer;
import io.kernelchat.server.llm.fake.RecordedRequest;
import io.kernelchat.server.llm.fake.ScriptedReply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The loop against a fake model server and a real ipykernel. */
class AgentLoopTest {
  private static KernelCodeRunner kernel;
  private final FakeOpenAiServer fake = FakeOpenAiServer.start();
  private final RecordingAgentListener events = new RecordingAgentListener();

  @BeforeAll
  static void startKernel() throws Exception {
    kernel = new KernelCodeRunner();
  }

  @AfterAll
  static void stopKernel() throws Exception {
    kernel.close();
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  private Agent agent(AgentSettings settings, String... extraEnv) {
    Map<String, String> env = new HashMap<>(Map.of("OPENAI_BASE_URL", fake.baseUrl(),
        "KERNELCHAT_MODELS", "coder,gpt-4o-seer,plain", "KERNELCHAT_FENCED_MODELS", "plain",
        "KERNELCHAT_DISCOVER_MODELS", "false", "KERNELCHAT_PROBE_LOCAL", "false",
        "KERNELCHAT_LLM_RETRY_BASE_MS", "20"));
    for (int i = 0; i < extraEnv.length; i += 2) {
      env.put(extraEnv[i], extraEnv[i + 1]);
    }
    return new Agent(ModelRegistry.fromSettings(LlmSettings.fromEnvironment(env)), settings);
  }

  private TurnOutcome turn(Agent agent, String model, List<ChatMessage> history) {
    return agent.runTurn(model, history, kernel, events, new StopSignal());
  }

  private RecordedRequest request() throws InterruptedException {
    RecordedRequest request = fake.takeRequest(Duration.ofSeconds(5));
    assertThat(request).as("a request to the model").isNotNull();
    return request;
  }

  @Test
  void writesCodeReadsTheOutputAndAnswers() throws Exception {
    fake.enqueue(FakeOpenAiServer.toolCall("Multiplying.", "print(6 * 7)"), FakeOpenAiServer.text("It is 42."));
    TurnOutcome outcome = turn(agent(AgentSettings.defaults()), "coder", List.of(new UserMessage("What is 6*7?")));

    assertThat(events.next()).isEqualTo("text:Multiplying.");
    assertThat(events.next()).isEqualTo("assistant:Multiplying. [1 call]");
    assertThat(events.next()).isEqualTo("cell_start:print(6 * 7)");
    assertThat(events.outputsThen("cell_end:OK")).isEqualTo("42\n");
    assertThat(events.next()).isEqualTo("tool_result:42\n");
    assertThat(events.next()).isEqualTo("text:It is 42.");
    assertThat(events.next()).isEqualTo("assistant:It is 42.");
    assertThat(events.next()).isEqualTo("turn_end:DONE");
    events.assertNothingMore();

    assertThat(outcome.reason()).isEqualTo(TurnOutcome.Reason.DONE);
    assertThat(outcome.added()).hasSize(3);
    assertThat(outcome.usage()).isEqualTo(new TokenUsage(2L * FakeOpenAiServer.PROMPT_TOKENS, 2L * FakeOpenAiServer.COMPLETION_TOKENS,
        2L * FakeOpenAiServer.CACHED_TOKENS));
    RecordedRequest first = request();
    assertThat(first.offersTools()).isTrue();
    assertThat(first.messages().get(0).path("role").asText()).isEqualTo("system");
    assertThat(first.messages().get(0).path("content").asText()).contains("stateful Python 3 Jupyter kernel", "python` tool");
    RecordedRequest second = request();
    assertThat(second.lastRole()).isEqualTo("tool");
    assertThat(second.lastTextOf("tool")).isEqualTo("42\n");
  }

  @Test
  void theModelSeesTheTracebackOfANameErrorAndItsSecondAttemptWorks() throws Exception {
    fake.enqueue(FakeOpenAiServer.toolCall("print(not_defined_yet)"),
        FakeOpenAiServer.toolCall("not_defined_yet = 20\nprint(not_defined_yet + 1)"),
        FakeOpenAiServer.text("Fixed: 21."));
    TurnOutcome outcome = turn(agent(AgentSettings.defaults()), "coder", List.of(new UserMessage("go")));

    assertThat(events.nextStartingWith("cell_end:")).isEqualTo("cell_end:ERROR");
    assertThat(events.nextStartingWith("cell_end:")).isEqualTo("cell_end:OK");
    assertThat(outcome.reason()).isEqualTo(TurnOutcome.Reason.DONE);
    request();
    String traceback = request().lastTextOf("tool");
    assertThat(traceback).contains("NameError", "not_defined_yet").doesNotContain("\u001b[");
    assertThat(request().lastTextOf("tool")).isEqualTo("21\n");
  }

  @Test
  void aModelWithoutToolCallingWritesFencedBlocksAndGetsTheOutputAsTheNextMessage() throws Exception {
    fake.enqueue(FakeOpenAiServer.fencedCode("Let me compute.", "print(2 ** 10)"), FakeOpenAiServer.text("1024."));
    TurnOutcome outcome = turn(agent(AgentSettings.defaults()), "plain", List.of(new UserMessage("2^10?")));

    assertThat(events.nextStartingWith("cell_start:")).isEqualTo("cell_start:print(2 ** 10)");
    assertThat(outcome.reason()).isEqualTo(TurnOutcome.Reason.DONE);
    RecordedRequest first = request();
    assertThat(first.offersTools()).isFalse();
    assertThat(first.messages().get(0).path("content").asText()).contains("```python fenced block");
    RecordedRequest second = request();
    assertThat(second.lastRole()).isEqualTo("user");
    assertThat(second.lastTextOf("user")).startsWith("Output of your code").contains("1024");
    assertThat(second.messages()).noneMatch(m -> m.path("role").asText().equals("tool") || m.has("tool_calls"));
  }

  @Test
  void aProviderThatRejectsToolsIsAskedAgainWithFencedCode() throws Exception {
    fake.enqueue(ScriptedReply.httpError(400, "{\"error\":\"model coder does not support tools\"}"),
        FakeOpenAiServer.fencedCode("Fine.", "print('no tools')"), FakeOpenAiServer.text("Done."));
    Agent agent = agent(AgentSettings.defaults());
    TurnOutcome outcome = turn(agent, "coder", List.of(new UserMessage("go")));

    assertThat(outcome.reason()).isEqualTo(TurnOutcome.Reason.DONE);
    assertThat(request().offersTools()).isTrue();
    assertThat(request().offersTools()).isFalse();
    assertThat(request().lastTextOf("user")).contains("no tools");
    fake.enqueue(FakeOpenAiServer.text("Still fenced."));
    turn(agent, "coder", List.of(new UserMessage("again")));
    assertThat(request().offersTools()).as("remembered for the next turn").isFalse();
  }

  @Test
  void switchingModelMidConversationKeepsTheEarlierTurnAndTheUploadedFileNote() throws Exception {
    fake.enqueue(FakeOpenAiServer.toolCall("x_for_switch = 5\nprint(x_for_switch)"), FakeOpenAiServer.text("x is 5."));
    Agent agent = agent(AgentSettings.defaults());
    List<ChatMessage> history = new ArrayList<>(List.of(new UserMessage("set x")));
    history.addAll(turn(agent, "coder", history).added());
    history.add(InjectedContext.message("file data.csv was uploaded; columns: a, b; first rows: 1, 2"));
    history.add(new UserMessage("now double it"));
    fake.enqueue(FakeOpenAiServer.text("It would be 10."));
    TurnOutcome second = turn(agent, "plain", history);

    assertThat(second.reason()).isEqualTo(TurnOutcome.Reason.DONE);
    request();
    request();
    RecordedRequest switched = request();
    assertThat(switched.model()).isEqualTo("plain");
    assertThat(switched.messages()).extracting(m -> m.path("role").asText())
        .containsExactly("system", "user", "assistant", "user", "assistant", "user", "user");
    String all = switched.allText();
    assertThat(all).contains("set x", "```python\nx_for_switch = 5", "Output of your code", "x is 5.",
        "file data.csv was uploaded", "now double it");
  }

  @Test
  void longOutputIsCutToTheBudgetKeepingHeadAndTailWhileTheUserGetsItAll() throws Exception {
    fake.enqueue(FakeOpenAiServer.toolCall("for i in range(3000):\n    print('line', i)"), FakeOpenAiServer.text("ok"));
    turn(agent(AgentSettings.defaults().withOutputBudgetChars(1000)), "coder", List.of(new UserMessage("go")));

    events.nextStartingWith("cell_start:");
    assertThat(events.outputsThen("cell_end:OK")).contains("line 0\n", "line 1500\n", "line 2999\n");
    request();
    String shown = request().lastTextOf("tool");
    assertThat(shown).startsWith("line 0\nline 1\n").endsWith("line 2999\n").doesNotContain("line 1500\n");
    assertThat(shown).containsPattern("\\[\\.\\.\\. \\d+ characters cut");
    assertThat(shown.length()).isLessThan(1100);
  }

  @Test
  void plotsAreANoteForTheModelAndTheImageItselfForVisionModels() throws Exception {
    String plot = "import matplotlib.pyplot as plt\nplt.plot([1, 2, 3])\nplt.show()";
    fake.enqueue(FakeOpenAiServer.toolCall(plot), FakeOpenAiServer.text("Here."));
    turn(agent(AgentSettings.defaults()), "gpt-4o-seer", List.of(new UserMessage("plot")));
    request();
    RecordedRequest second = request();
    assertThat(second.lastTextOf("tool")).contains("[image/png shown to the user]");
    assertThat(second.lastRole()).isEqualTo("user");
    assertThat(second.messages().get(second.messages().size() - 1).path("content").path(1).path("image_url")
        .path("url").asText()).startsWith("data:image/png;base64,iVBOR");

    fake.enqueue(FakeOpenAiServer.toolCall(plot), FakeOpenAiServer.text("Here."));
    turn(agent(AgentSettings.defaults()), "coder", List.of(new UserMessage("plot")));
    request();
    RecordedRequest blind = request();
    assertThat(blind.lastRole()).isEqualTo("tool");
    assertThat(blind.body().toString()).doesNotContain("image_url");
  }

  @Test
  void aStreamCutInsideAToolCallRunsNothingAndEndsTheTurnWithAnError() throws Exception {
    fake.enqueue(FakeOpenAiServer.cutInToolCall("open('must_not_exist.txt', 'w').write('x')"));
    TurnOutcome outcome = turn(agent(AgentSettings.defaults()), "coder", List.of(new UserMessage("go")));

    assertThat(outcome.reason()).isEqualTo(TurnOutcome.Reason.ERROR);
    assertThat(outcome.error()).isInstanceOf(LlmException.StreamInterrupted.class);
    assertThat(outcome.added()).isEmpty();
    assertThat(events.next()).isEqualTo("error:stream_interrupted");
    assertThat(events.next()).isEqualTo("turn_end:ERROR");
    events.assertNothingMore();
    assertThat(kernel.workspace().resolve("must_not_exist.txt")).doesNotExist();
  }

  @Test
  void theTurnStopsAtTheStepLimit() throws Exception {
    fake.respondBy(request -> FakeOpenAiServer.toolCall("print('again')"));
    TurnOutcome outcome = turn(agent(AgentSettings.defaults().withMaxSteps(2)), "coder", List.of(new UserMessage("loop")));

    assertThat(outcome.reason()).isEqualTo(TurnOutcome.Reason.STEP_LIMIT);
    assertThat(fake.requests()).hasSize(2);
    assertThat(outcome.added()).hasSize(4).last().isInstanceOf(ToolResultMessage.class);
  }

  @Test
  void stopDuringALongExecutionInterruptsTheKernelAndEndsTheTurn() throws Exception {
    fake.enqueue(FakeOpenAiServer.toolCall("import time\nprint('started', flush=True)\ntime.sleep(60)"));
    StopSignal stop = new StopSignal();
    Agent agent = agent(AgentSettings.defaults());
    var running = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> agent.runTurn("coder", List.of(new UserMessage("wait")), kernel, events, stop));

    assertThat(events.nextStartingWith("output:")).startsWith("output:started");
    long stoppedAt = System.nanoTime();
    stop.stop();
    TurnOutcome outcome = running.get(30, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - stoppedAt)).isLessThan(Duration.ofSeconds(20));
    assertThat(outcome.reason()).isEqualTo(TurnOutcome.Reason.STOPPED);
    assertThat(events.nextStartingWith("cell_end:")).isEqualTo("cell_end:ERROR");
    assertThat(events.next()).startsWith("tool_result:").contains("KeyboardInterrupt", "[interrupted: the user pressed stop]");
    assertThat(events.next()).isEqualTo("turn_end:STOPPED");
    assertThat(fake.requests()).hasSize(1);
    assertThat(outcome.added().get(1)).isInstanceOf(ToolResultMessage.class);
    assertThat(kernel.run("print('still alive')", new io.kernelchat.jupyter.ExecutionListener() {}).status())
        .isEqualTo(io.kernelchat.jupyter.ExecutionStatus.OK);
  }

  @Test
  void stopWhileTheModelIsStreamingEndsTheCallAndKeepsWhatWasSaid() throws Exception {
    fake.enqueue(FakeOpenAiServer.textThenStall("Thinking about", 20_000));
    StopSignal stop = new StopSignal();
    AgentListener stopOnText = new RecordingAgentListener() {
      @Override
      public void onTextDelta(String delta) {
        super.onTextDelta(delta);
        stop.stop();
      }
    };
    long start = System.nanoTime();
    TurnOutcome outcome = agent(AgentSettings.defaults()).runTurn("coder", List.of(new UserMessage("hi")), kernel,
        stopOnText, stop);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    assertThat(outcome.reason()).isEqualTo(TurnOutcome.Reason.STOPPED);
    assertThat(outcome.added()).singleElement().isInstanceOf(AssistantMessage.class);
    assertThat(((AssistantMessage) outcome.added().get(0)).text()).startsWith("Thin");
  }

  @Test
  void theStandaloneKeywordBehaviourFixesItsOwnNameErrorThenAnswers() throws Exception {
    fake.respondBy(new io.kernelchat.server.llm.fake.KeywordBehaviour());
    TurnOutcome outcome = turn(agent(AgentSettings.defaults()), "coder", List.of(new UserMessage("show me an error")));

    assertThat(outcome.reason()).isEqualTo(TurnOutcome.Reason.DONE);
    assertThat(events.nextStartingWith("cell_end:")).isEqualTo("cell_end:ERROR");
    assertThat(events.nextStartingWith("cell_end:")).isEqualTo("cell_end:OK");
    assertThat(events.nextStartingWith("assistant:")).startsWith("assistant:Done. The code printed:\n42");
    assertThat(fake.requests()).hasSize(3);
  }

  @Test
  void anUnknownModelEndsTheTurnWithAnErrorTheUserCanActOn() throws Exception {
    TurnOutcome outcome = turn(agent(AgentSettings.defaults()), "gpt-x", List.of(new UserMessage("hi")));
    assertThat(outcome.reason()).isEqualTo(TurnOutcome.Reason.ERROR);
    assertThat(outcome.error()).isInstanceOf(LlmException.ModelNotFound.class).hasMessageContaining("gpt-x");
    assertThat(events.next()).isEqualTo("error:model_not_found");
    assertThat(events.next()).isEqualTo("turn_end:ERROR");
    assertThat(fake.requests()).isEmpty();
  }
}
