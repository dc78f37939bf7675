package io.kernelchat.server.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.llm.fake.FakeOpenAiServer;
import io.kernelchat.server.llm.fake.RecordedRequest;
import io.kernelchat.server.llm.fake.ScriptedReply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiChatModelTest {
  private static final ChatRequest HELLO = new ChatRequest(List.of(new UserMessage("hi")), List.of());
  private final FakeOpenAiServer fake = FakeOpenAiServer.start();

  @AfterEach
  void stop() {
    fake.close();
  }

  private ChatModel model(String... extraSettings) {
    String[] base = {"OPENAI_BASE_URL", fake.baseUrl(), "OPENAI_API_KEY", "sk-test-secret",
        "KERNELCHAT_MODELS", "gpt-test", "KERNELCHAT_DISCOVER_MODELS", "false"};
    String[] all = new String[base.length + extraSettings.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(extraSettings, 0, all, base.length, extraSettings.length);
    return ModelRegistry.fromSettings(FakeProviderSettings.with(all)).model("gpt-test");
  }

  @Test
  void streamsTextDeltasThenCompletesWithTheWholeReplyAndItsUsage() throws Exception {
    fake.enqueue(FakeOpenAiServer.text("Hello there, person."));
    RecordingStreamListener events = new RecordingStreamListener();
    model().stream(HELLO, events);

    StringBuilder streamed = new StringBuilder();
    ChatResponse response = events.textThen(ChatResponse.class, streamed);
    assertThat(streamed).hasToString("Hello there, person.");
    assertThat(response.text()).isEqualTo("Hello there, person.");
    assertThat(response.toolCalls()).isEmpty();
    assertThat(response.usage()).isEqualTo(new TokenUsage(FakeOpenAiServer.PROMPT_TOKENS, FakeOpenAiServer.COMPLETION_TOKENS,
        FakeOpenAiServer.CACHED_TOKENS));
    events.assertNothingMore();

    RecordedRequest request = fake.takeRequest(Duration.ofSeconds(5));
    assertThat(request.header("authorization")).isEqualTo("Bearer sk-test-secret");
    assertThat(request.model()).isEqualTo("gpt-test");
    assertThat(request.body().path("stream").asBoolean()).isTrue();
  }

  @Test
  void assemblesAToolCallWhoseArgumentsArriveInManyChunks() throws Exception {
    String code = "import math\nprint(\"pi is\", math.pi)";
    fake.enqueue(FakeOpenAiServer.toolCall("Computing.", code));
    RecordingStreamListener events = new RecordingStreamListener();
    model().stream(HELLO, events);

    ChatResponse response = events.terminal(ChatResponse.class);
    assertThat(response.text()).isEqualTo("Computing.");
    assertThat(response.finishReason()).isEqualTo("tool_calls");
    assertThat(response.toolCalls()).hasSize(1);
    ToolCall call = response.toolCalls().get(0);
    assertThat(call.name()).isEqualTo("python");
    assertThat(call.id()).startsWith("call_");
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(call.argumentsJson()).path("code").asText())
        .isEqualTo(code);
  }

  @Test
  void sendsTheHistoryAsRealChatMessagesWithToolCallsResultsAndImages() throws Exception {
    fake.enqueue(FakeOpenAiServer.text("ok"));
    ToolCall call = new ToolCall("call_1", "python", FakeOpenAiServer.argumentsFor("plot()"));
    ChatRequest request = new ChatRequest(List.of(
        new SystemMessage("be brief"),
        new UserMessage("plot it"),
        new AssistantMessage("", List.of(call)),
        new ToolResultMessage("call_1", "[image/png shown to the user]", List.of(new Image("image/png", "iVBOR"))),
        new UserMessage("thanks")),
        List.of(new ToolSpec("python", "run code", "{\"type\":\"object\"}")));
    RecordingStreamListener events = new RecordingStreamListener();
    model().stream(request, events);
    events.terminal(ChatResponse.class);

    List<JsonNode> sent = fake.takeRequest(Duration.ofSeconds(5)).messages();
    assertThat(sent).extracting(m -> m.path("role").asText())
        .containsExactly("system", "user", "assistant", "tool", "user", "user");
    assertThat(sent.get(2).path("tool_calls").path(0).path("function").path("arguments").asText())
        .isEqualTo(call.argumentsJson());
    assertThat(sent.get(3).path("tool_call_id").asText()).isEqualTo("call_1");
    assertThat(sent.get(4).path("content").path(1).path("image_url").path("url").asText())
        .isEqualTo("data:image/png;base64,iVBOR");
  }

  @Test
  void aStreamCutInsideAToolCallEndsInAnErrorAndNeverHandsOutTheCall() throws Exception {
    fake.enqueue(FakeOpenAiServer.cutInToolCall("print('half')"));
    RecordingStreamListener events = new RecordingStreamListener();
    model().stream(HELLO, events);

    LlmException error = events.terminal(LlmException.class);
    assertThat(error).isInstanceOf(LlmException.StreamInterrupted.class);
    assertThat(error.getMessage()).contains("cut off").contains(fake.baseUrl());
    events.assertNothingMore();
    assertThat(fake.requests()).hasSize(1);
  }

  @Test
  void retriesA429OnceHonouringRetryAfterThenSucceeds() throws Exception {
    fake.enqueue(ScriptedReply.httpError(429, ScriptedReply.errorJson("slow down", "rate_limit_exceeded"),
        Map.of("Retry-After", "1")), FakeOpenAiServer.text("second time lucky"));
    RecordingStreamListener events = new RecordingStreamListener();
    model().stream(HELLO, events);

    assertThat(events.terminal(ChatResponse.class).text()).isEqualTo("second time lucky");
    List<RecordedRequest> requests = fake.requests();
    assertThat(requests).hasSize(2);
    assertThat(Duration.between(requests.get(0).receivedAt(), requests.get(1).receivedAt()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void doesNotRetryA429WhoseCodeIsInsufficientQuota() throws Exception {
    fake.enqueue(ScriptedReply.httpError(429, ScriptedReply.errorJson("You exceeded your current quota", "insufficient_quota")),
        FakeOpenAiServer.text("must not be reached"));
    RecordingStreamListener events = new RecordingStreamListener();
    model().stream(HELLO, events);

    LlmException error = events.terminal(LlmException.class);
    assertThat(error).isInstanceOf(LlmException.QuotaExceeded.class);
    assertThat(error.retriable()).isFalse();
    assertThat(error.getMessage()).contains("quota");
    assertThat(fake.requests()).hasSize(1);
  }

  @Test
  void eachFailingStatusBecomesAnErrorAUserCanActOnAndOnlyTransientOnesAreRetried() throws Exception {
    record Case(int status, Class<? extends LlmException> type, String says, int requests) {}
    List<Case> cases = List.of(
        new Case(400, LlmException.BadRequest.class, "rejected the request", 1),
        new Case(401, LlmException.Authentication.class, "The API key was refused by " + fake.baseUrl(), 1),
        new Case(403, LlmException.PermissionDenied.class, "denied", 1),
        new Case(404, LlmException.ModelNotFound.class, "Model gpt-test not found", 1),
        new Case(408, LlmException.ProviderUnavailable.class, "408", 3),
        new Case(409, LlmException.ProviderUnavailable.class, "409", 3),
        new Case(500, LlmException.ProviderUnavailable.class, "500", 3),
        new Case(503, LlmException.ProviderUnavailable.class, "503", 3));
    ChatModel model = model();
    for (Case c : cases) {
      int before = fake.requests().size();
      fake.respondBy(request -> ScriptedReply.httpError(c.status(), ScriptedReply.errorJson("nope", "some_error")));
      RecordingStreamListener events = new RecordingStreamListener();
      model.stream(HELLO, events);
      LlmException error = events.terminal(LlmException.class);
      assertThat(error).as("HTTP %d", c.status()).isInstanceOf(c.type());
      assertThat(error.getMessage()).as("HTTP %d", c.status()).contains(c.says()).doesNotContain("sk-test-secret");
      assertThat(fake.requests().size() - before).as("requests for HTTP %d", c.status()).isEqualTo(c.requests());
    }
  }

  @Test
  void aBadRequestSayingToolsAreUnsupportedIsItsOwnError() throws Exception {
    fake.enqueue(ScriptedReply.httpError(400, "{\"error\":\"registry.ollama.ai/library/gemma:2b does not support tools\"}"));
    RecordingStreamListener events = new RecordingStreamListener();
    model().stream(HELLO, events);
    assertThat(events.terminal(LlmException.class)).isInstanceOf(LlmException.ToolsNotSupported.class)
        .hasMessageContaining("does not support tools");
  }

  @Test
  void anUnreachableServerIsReportedAsUnavailableAfterRetries() throws Exception {
    int closedPort = fake.port();
    fake.close();
    RecordingStreamListener events = new RecordingStreamListener();
    model().stream(HELLO, events);
    LlmException error = events.terminal(LlmException.class);
    assertThat(error).isInstanceOf(LlmException.ProviderUnavailable.class);
    assertThat(error.getMessage()).contains("Could not reach http://127.0.0.1:" + closedPort);
  }

  @Test
  void aStreamThatGoesSilentEndsWithAnIdleTimeoutError() throws Exception {
    fake.enqueue(FakeOpenAiServer.textThenStall("thinking", 5_000));
    RecordingStreamListener events = new RecordingStreamListener();
    model("KERNELCHAT_LLM_IDLE_TIMEOUT", "1").stream(HELLO, events);

    StringBuilder text = new StringBuilder();
    LlmException error = events.textThen(LlmException.class, text);
    assertThat(text).hasToString("thinking");
    assertThat(error).isInstanceOf(LlmException.StreamInterrupted.class).hasMessageContaining("No data from");
  }

  @Test
  void cancellingEndsAStalledStreamPromptlyWithCancelled() throws Exception {
    fake.enqueue(FakeOpenAiServer.textThenStall("thinking", 15_000));
    AtomicBoolean cancelled = new AtomicBoolean();
    RecordingStreamListener events = new RecordingStreamListener() {
      @Override
      public void onTextDelta(String delta) {
        super.onTextDelta(delta);
        cancelled.set(true);
      }
    };
    long start = System.nanoTime();
    model().stream(HELLO, events, cancelled::get);
    assertThat(events.terminal(LlmException.class)).isInstanceOf(LlmException.Cancelled.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }
}
