package io.kernelchat.server.llm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** Against the real APIs; runs only when their keys are set (model overridable by KERNELCHAT_TEST_*_MODEL). */
class RealProvidersTest {
  private static final ToolSpec PYTHON = new ToolSpec("python", "Run Python code",
      "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\"}},\"required\":[\"code\"]}");
  private static final ChatRequest CALL_THE_TOOL = new ChatRequest(List.of(
      new UserMessage("Call the python tool with the code print(1 + 1). Do not answer in text.")), List.of(PYTHON));

  private static ChatModel model(String modelVariable, String fallbackModel) {
    Map<String, String> env = new HashMap<>(System.getenv());
    String model = env.getOrDefault(modelVariable, fallbackModel);
    env.put("KERNELCHAT_MODELS", model);
    env.put("KERNELCHAT_DISCOVER_MODELS", "false");
    return ModelRegistry.fromSettings(LlmSettings.fromEnvironment(env)).model(model);
  }

  private static void assertCallsPython(ChatModel model) throws InterruptedException {
    RecordingStreamListener events = new RecordingStreamListener();
    model.stream(CALL_THE_TOOL, events);
    ChatResponse response = events.terminal(ChatResponse.class);
    assertThat(response.toolCalls()).isNotEmpty();
    assertThat(response.toolCalls().get(0).name()).isEqualTo("python");
    assertThat(response.toolCalls().get(0).argumentsJson()).contains("print");
    events.assertNothingMore();
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "OPENAI_API_KEY", matches = ".+")
  void openAiStreamsAPythonToolCall() throws InterruptedException {
    assertCallsPython(model("KERNELCHAT_TEST_OPENAI_MODEL", "gpt-4o-mini"));
  }

  @Test
  @EnabledIfEnvironmentVariable(named = "ANTHROPIC_API_KEY", matches = ".+")
  void anthropicStreamsAPythonToolCall() throws InterruptedException {
    assertCallsPython(model("KERNELCHAT_TEST_ANTHROPIC_MODEL", "claude-haiku-4-5"));
  }
}
