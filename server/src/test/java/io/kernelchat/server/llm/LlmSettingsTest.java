package io.kernelchat.server.llm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LlmSettingsTest {
  @Test
  void readsTheSdkVariablesAndOursTreatingBlankAsUnset() {
    LlmSettings settings = LlmSettings.fromEnvironment(Map.of(
        "OPENAI_API_KEY", " ", "OPENAI_BASE_URL", "http://localhost:11434/v1",
        "KERNELCHAT_MODELS", "llama3.2, qwen2.5-coder ,", "KERNELCHAT_MODEL", "qwen2.5-coder",
        "KERNELCHAT_FENCED_MODELS", "llama3.2", "KERNELCHAT_LLM_IDLE_TIMEOUT", "90"));
    assertThat(settings.openAiApiKey()).isNull();
    assertThat(settings.openAiBaseUrl()).isEqualTo("http://localhost:11434/v1");
    assertThat(settings.models()).containsExactly("llama3.2", "qwen2.5-coder");
    assertThat(settings.defaultModel()).isEqualTo("qwen2.5-coder");
    assertThat(settings.fencedModels()).containsExactly("llama3.2");
    assertThat(settings.idleTimeout()).isEqualTo(Duration.ofSeconds(90));
    assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.maxRetries()).isEqualTo(2);
    assertThat(settings.localProbeUrls()).isEqualTo(LlmSettings.DEFAULT_LOCAL_PROBES);
  }

  @Test
  void aMalformedSettingIsAClearErrorNamingTheVariable() {
    assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of("KERNELCHAT_LLM_IDLE_TIMEOUT", "soon")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("KERNELCHAT_LLM_IDLE_TIMEOUT must be a whole number >= 1, got 'soon'");
    assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of("KERNELCHAT_LLM_IDLE_TIMEOUT", "0")))
        .hasMessage("KERNELCHAT_LLM_IDLE_TIMEOUT must be a whole number >= 1, got '0'");
    assertThatThrownBy(() -> LlmSettings.fromEnvironment(Map.of("KERNELCHAT_PROBE_LOCAL", "maybe")))
        .hasMessageContaining("KERNELCHAT_PROBE_LOCAL must be true or false");
  }
}
