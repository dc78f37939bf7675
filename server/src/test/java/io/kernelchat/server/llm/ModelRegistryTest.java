package io.kernelchat.server.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kernelchat.server.llm.fake.FakeAnthropicServer;
import io.kernelchat.server.llm.fake.FakeOpenAiServer;
import io.kernelchat.server.llm.fake.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ModelRegistryTest {
  private final FakeOpenAiServer openAi = FakeOpenAiServer.start();

  @AfterEach
  void stop() {
    openAi.close();
  }

  @Test
  void listsConfiguredModelsFirstThenWhatTheServerReportsLeavingOutNonChatModels() {
    openAi.models("llama3.2", "qwen2.5-coder", "text-embedding-3-small", "mine");
    ModelRegistry registry = ModelRegistry.fromSettings(FakeProviderSettings.with(
        "OPENAI_BASE_URL", openAi.baseUrl(), "KERNELCHAT_MODELS", "mine,extra"));

    assertThat(registry.models()).extracting(ModelInfo::id)
        .containsExactly("mine", "extra", "llama3.2", "qwen2.5-coder");
    assertThat(registry.defaultModel()).contains("mine");
    assertThat(registry.configured()).isTrue();
  }

  @Test
  void theDefaultIsKernelchatModelWhenSet() {
    openAi.models("a", "b");
    ModelRegistry registry = ModelRegistry.fromSettings(FakeProviderSettings.with(
        "OPENAI_BASE_URL", openAi.baseUrl(), "KERNELCHAT_MODEL", "b"));
    assertThat(registry.defaultModel()).contains("b");
    assertThat(registry.models()).extracting(ModelInfo::id).containsExactly("b", "a");
    assertThat(registry.model(null).info().id()).as("no id means the default").isEqualTo("b");
  }

  @Test
  void withNothingConfiguredAndNothingListeningItSaysHowToConfigureAModel() {
    int closedPort = openAi.port();
    openAi.close();
    ModelRegistry registry = ModelRegistry.fromSettings(LlmSettings.fromEnvironment(Map.of(
        "KERNELCHAT_LOCAL_PROBE_URLS", "http://127.0.0.1:" + closedPort + "/v1")));

    assertThat(registry.configured()).isFalse();
    assertThat(registry.models()).isEmpty();
    assertThat(registry.defaultModel()).isEmpty();
    assertThatThrownBy(() -> registry.model("anything")).isInstanceOf(LlmException.NoModelConfigured.class)
        .hasMessageContaining("No model configured").hasMessageContaining("OPENAI_API_KEY")
        .hasMessageContaining("Ollama");
  }

  @Test
  void withNothingConfiguredItFindsALocalServerByProbingLoopback() {
    openAi.models("llama3.2");
    ModelRegistry registry = ModelRegistry.fromSettings(LlmSettings.fromEnvironment(Map.of(
        "KERNELCHAT_LOCAL_PROBE_URLS", "http://127.0.0.1:1/v1," + openAi.baseUrl())));

    assertThat(registry.models()).extracting(ModelInfo::id).containsExactly("llama3.2");
    assertThat(registry.defaultModel()).contains("llama3.2");
  }

  @Test
  void anUnknownModelIsNotFoundAndTheErrorListsTheAvailableOnes() {
    ModelRegistry registry = ModelRegistry.fromSettings(FakeProviderSettings.with(
        "OPENAI_BASE_URL", openAi.baseUrl(), "KERNELCHAT_MODELS", "one,two", "KERNELCHAT_DISCOVER_MODELS", "false"));
    assertThatThrownBy(() -> registry.model("gpt-x")).isInstanceOf(LlmException.ModelNotFound.class)
        .hasMessageContaining("gpt-x").hasMessageContaining("one, two");
  }

  @Test
  void modelsListedAsFencedHaveNoToolsAndVisionFollowsTheNameOrTheSetting() {
    ModelRegistry registry = ModelRegistry.fromSettings(FakeProviderSettings.with(
        "OPENAI_BASE_URL", openAi.baseUrl(), "KERNELCHAT_MODELS", "gpt-4o,tiny,seer",
        "KERNELCHAT_FENCED_MODELS", "tiny", "KERNELCHAT_VISION_MODELS", "seer", "KERNELCHAT_CONTEXT_TOKENS", "4096",
        "KERNELCHAT_DISCOVER_MODELS", "false"));
    assertThat(registry.models()).extracting(ModelInfo::id, ModelInfo::tools, ModelInfo::vision, ModelInfo::contextTokens)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("gpt-4o", true, true, 128_000),
            org.assertj.core.groups.Tuple.tuple("tiny", false, false, 4096),
            org.assertj.core.groups.Tuple.tuple("seer", true, true, 4096));
  }

  @Test
  void azureDeploymentsAreModelsCalledThroughTheDeploymentUrlWithTheApiKeyHeader() throws Exception {
    openAi.enqueue(FakeOpenAiServer.text("from azure"));
    ModelRegistry registry = ModelRegistry.fromSettings(FakeProviderSettings.with(
        "AZURE_OPENAI_ENDPOINT", "http://127.0.0.1:" + openAi.port(), "AZURE_OPENAI_API_KEY", "az-secret",
        "AZURE_OPENAI_DEPLOYMENTS", "my-gpt", "OPENAI_API_VERSION", "2024-10-21"));
    assertThat(registry.models()).extracting(ModelInfo::id, ModelInfo::provider)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("my-gpt", "azure"));

    RecordingStreamListener events = new RecordingStreamListener();
    registry.model("my-gpt").stream(new ChatRequest(List.of(new UserMessage("hi")), List.of()), events);
    assertThat(events.terminal(ChatResponse.class).text()).isEqualTo("from azure");
    RecordedRequest request = openAi.takeRequest(Duration.ofSeconds(5));
    assertThat(request.path()).isEqualTo("/openai/deployments/my-gpt/chat/completions?api-version=2024-10-21");
    assertThat(request.header("api-key")).isEqualTo("az-secret");
    assertThat(request.header("authorization")).isNull();
  }

  @Test
  void modelsOfSeveralProvidersSitSideBySideAndSwitchingKeepsEachOnItsOwnServer() throws Exception {
    try (FakeAnthropicServer anthropic = FakeAnthropicServer.start()) {
      openAi.models("gpt-4o");
      anthropic.models("claude-sonnet-4-5", "gpt-4o");
      ModelRegistry registry = ModelRegistry.fromSettings(FakeProviderSettings.with(
          "OPENAI_API_KEY", "sk-1", "OPENAI_BASE_URL", openAi.baseUrl(),
          "ANTHROPIC_API_KEY", "sk-2", "ANTHROPIC_BASE_URL", anthropic.baseUrl()));
      assertThat(registry.models()).extracting(ModelInfo::id, ModelInfo::provider).containsExactly(
          org.assertj.core.groups.Tuple.tuple("gpt-4o", "openai-compatible"),
          org.assertj.core.groups.Tuple.tuple("claude-sonnet-4-5", "anthropic"),
          org.assertj.core.groups.Tuple.tuple("anthropic:gpt-4o", "anthropic"));

      anthropic.enqueue(FakeAnthropicServer.text("claude here"));
      RecordingStreamListener events = new RecordingStreamListener();
      registry.model("anthropic:gpt-4o").stream(new ChatRequest(List.of(new UserMessage("hi")), List.of()), events);
      assertThat(events.terminal(ChatResponse.class).text()).isEqualTo("claude here");
      assertThat(anthropic.takeRequest(Duration.ofSeconds(5)).model()).isEqualTo("gpt-4o");
    }
  }

  @Test
  void aProviderPrefixInTheDefaultModelPicksThatProvidersModel() {
    try (FakeAnthropicServer anthropic = FakeAnthropicServer.start()) {
      ModelRegistry registry = ModelRegistry.fromSettings(FakeProviderSettings.with(
          "OPENAI_BASE_URL", openAi.baseUrl(), "ANTHROPIC_API_KEY", "k", "ANTHROPIC_BASE_URL", anthropic.baseUrl(),
          "KERNELCHAT_MODEL", "anthropic:house-model", "KERNELCHAT_DISCOVER_MODELS", "false"));
      assertThat(registry.defaultModel()).contains("house-model");
      assertThat(registry.model("house-model").info().provider()).isEqualTo("anthropic");
    }
  }
}
