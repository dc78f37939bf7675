package io.kernelchat.server.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.kernelchat.server.llm.fake.FakeAnthropicServer;
import io.kernelchat.server.llm.fake.RecordedRequest;
import io.kernelchat.server.llm.fake.ScriptedReply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AnthropicChatModelTest {
  private final FakeAnthropicServer fake = FakeAnthropicServer.start();

  @AfterEach
  void stop() {
    fake.close();
  }

  private ChatModel model() {
    return ModelRegistry.fromSettings(FakeProviderSettings.with("ANTHROPIC_API_KEY", "sk-ant-secret",
        "ANTHROPIC_BASE_URL", fake.baseUrl(), "KERNELCHAT_MODELS", "claude-test",
        "KERNELCHAT_DISCOVER_MODELS", "false")).model("claude-test");
  }

  @Test
  void streamsTextAndReportsUsageFromTheNamedEvents() throws Exception {
    fake.enqueue(FakeAnthropicServer.text("Bonjour, monde."));
    RecordingStreamListener events = new RecordingStreamListener();
    model().stream(new ChatRequest(List.of(new UserMessage("hi")), List.of()), events);

    StringBuilder text = new StringBuilder();
    ChatResponse response = events.textThen(ChatResponse.class, text);
    assertThat(text).hasToString("Bonjour, monde.");
    assertThat(response.usage()).isEqualTo(new TokenUsage(30, 7, 9));
    events.assertNothingMore();
    RecordedRequest request = fake.takeRequest(Duration.ofSeconds(5));
    assertThat(request.header("x-api-key")).isEqualTo("sk-ant-secret");
    assertThat(request.header("anthropic-version")).isNotBlank();
  }

  @Test
  void assemblesToolInputFromPartialJsonDeltas() throws Exception {
    fake.enqueue(FakeAnthropicServer.toolCall("Let me check.", "print(6 * 7)"));
    RecordingStreamListener events = new RecordingStreamListener();
    model().stream(new ChatRequest(List.of(new UserMessage("6*7?")), List.of()), events);

    ChatResponse response = events.terminal(ChatResponse.class);
    assertThat(response.text()).isEqualTo("Let me check.");
    assertThat(response.finishReason()).isEqualTo("tool_use");
    assertThat(response.toolCalls()).extracting(ToolCall::id, ToolCall::name).containsExactly(
        org.assertj.core.groups.Tuple.tuple("toolu_1", "python"));
    assertThat(response.toolCalls().get(0).argumentsJson()).isEqualTo("{\"code\": \"print(6 * 7)\"}");
  }

  @Test
  void sendsTheSystemPromptTopLevelAndToolResultsAsUserBlocks() throws Exception {
    fake.enqueue(FakeAnthropicServer.text("fine"));
    ChatRequest request = new ChatRequest(List.of(
        new SystemMessage("You run Python."),
        new UserMessage("go"),
        new AssistantMessage("Running.", List.of(new ToolCall("toolu_9", "python", "{\"code\":\"1+1\"}"))),
        new ToolResultMessage("toolu_9", "2", List.of(new Image("image/png", "AAAA"))),
        new UserMessage("and now?")),
        List.of(new ToolSpec("python", "Run code", "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\"}}}")));
    RecordingStreamListener events = new RecordingStreamListener();
    model().stream(request, events);
    events.terminal(ChatResponse.class);

    JsonNode body = fake.takeRequest(Duration.ofSeconds(5)).body();
    assertThat(body.path("system").asText()).isEqualTo("You run Python.");
    assertThat(body.path("tools").path(0).path("input_schema").path("type").asText()).isEqualTo("object");
    JsonNode messages = body.path("messages");
    assertThat(messages).hasSize(3);
    assertThat(messages.path(1).path("content").path(1).path("input").path("code").asText()).isEqualTo("1+1");
    JsonNode toolResult = messages.path(2).path("content").path(0);
    assertThat(toolResult.path("type").asText()).isEqualTo("tool_result");
    assertThat(toolResult.path("tool_use_id").asText()).isEqualTo("toolu_9");
    assertThat(toolResult.path("content").path(1).path("source").path("data").asText()).isEqualTo("AAAA");
    assertThat(messages.path(2).path("content").path(1).path("text").asText()).isEqualTo("and now?");
  }

  @Test
  void aRefusedKeyNamesTheVariableToFix() throws Exception {
    fake.enqueue(ScriptedReply.httpError(401,
        "{\"type\":\"error\",\"error\":{\"type\":\"authentication_error\",\"message\":\"invalid x-api-key\"}}"));
    RecordingStreamListener events = new RecordingStreamListener();
    model().stream(new ChatRequest(List.of(new UserMessage("hi")), List.of()), events);
    assertThat(events.terminal(LlmException.class)).isInstanceOf(LlmException.Authentication.class)
        .hasMessageContaining("ANTHROPIC_API_KEY").hasMessageContaining("invalid x-api-key")
        .hasMessageNotContaining("sk-ant-secret");
  }
}
