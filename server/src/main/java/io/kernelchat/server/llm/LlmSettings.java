package io.kernelchat.server.llm;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the models are and how to talk to them, read from environment-style variables (the SDKs' own
 * names where they exist). Blank values count as unset.
 * <ul>
 *   <li>{@code OPENAI_API_KEY}, {@code OPENAI_BASE_URL}: OpenAI or any OpenAI-compatible server (no key needed
 *       for local ones such as Ollama, vLLM, llama.cpp, LM Studio, TGI).</li>
 *   <li>{@code AZURE_OPENAI_ENDPOINT}, {@code AZURE_OPENAI_API_KEY}, {@code OPENAI_API_VERSION},
 *       {@code AZURE_OPENAI_DEPLOYMENTS} (comma-separated; the deployments are the models).</li>
 *   <li>{@code ANTHROPIC_API_KEY}, {@code ANTHROPIC_BASE_URL}.</li>
 *   <li>{@code KERNELCHAT_MODELS} (comma-separated, optionally {@code provider:name}), {@code KERNELCHAT_MODEL}
 *       (the default), {@code KERNELCHAT_FENCED_MODELS} (models without tool calling),
 *       {@code KERNELCHAT_VISION_MODELS}, {@code KERNELCHAT_CONTEXT_TOKENS} (for models we cannot size).</li>
 *   <li>{@code KERNELCHAT_DISCOVER_MODELS} (ask providers' /models), {@code KERNELCHAT_PROBE_LOCAL} and
 *       {@code KERNELCHAT_LOCAL_PROBE_URLS} (look for Ollama / LM Studio when nothing is configured).</li>
 *   <li>{@code KERNELCHAT_LLM_CONNECT_TIMEOUT}, {@code KERNELCHAT_LLM_IDLE_TIMEOUT}, {@code KERNELCHAT_LLM_MAX_RETRY_WAIT}
 *       (seconds), {@code KERNELCHAT_LLM_MAX_RETRIES}, {@code KERNELCHAT_LLM_RETRY_BASE_MS}.</li>
 *   <li>{@code KERNELCHAT_PRICES}: what each model's tokens cost ({@link ModelPrices}).</li>
 * </ul>
 */
public record LlmSettings(
    String openAiApiKey, String openAiBaseUrl,
    String azureEndpoint, String azureApiKey, String azureApiVersion, List<String> azureDeployments,
    String anthropicApiKey, String anthropicBaseUrl,
    List<String> models, String defaultModel, Set<String> fencedModels, Set<String> visionModels,
    int defaultContextTokens, boolean discoverModels, boolean probeLocal, List<String> localProbeUrls,
    Duration connectTimeout, Duration idleTimeout, int maxRetries, Duration retryBaseDelay,
    Duration maxRetryWait, ModelPrices prices) {

  public static final List<String> DEFAULT_LOCAL_PROBES =
      List.of("http://127.0.0.1:11434/v1", "http://127.0.0.1:1234/v1");

  public LlmSettings {
    models = List.copyOf(models);
    azureDeployments = List.copyOf(azureDeployments);
    fencedModels = Set.copyOf(fencedModels);
    visionModels = Set.copyOf(visionModels);
    localProbeUrls = List.copyOf(localProbeUrls);
  }

  /** Reads the settings; pass {@code System.getenv()} merged with a .env file and CLI options. */
  public static LlmSettings fromEnvironment(Map<String, String> env) {
    EnvironmentValues r = new EnvironmentValues(env);
    return new LlmSettings(
        r.text("OPENAI_API_KEY"), r.text("OPENAI_BASE_URL"),
        r.text("AZURE_OPENAI_ENDPOINT"), r.text("AZURE_OPENAI_API_KEY"),
        r.textOr("OPENAI_API_VERSION", "2024-10-21"), r.list("AZURE_OPENAI_DEPLOYMENTS"),
        r.text("ANTHROPIC_API_KEY"), r.textOr("ANTHROPIC_BASE_URL", "https://api.anthropic.com"),
        r.list("KERNELCHAT_MODELS"), r.text("KERNELCHAT_MODEL"),
        Set.copyOf(r.list("KERNELCHAT_FENCED_MODELS")), Set.copyOf(r.list("KERNELCHAT_VISION_MODELS")),
        r.integer("KERNELCHAT_CONTEXT_TOKENS", 8192),
        r.bool("KERNELCHAT_DISCOVER_MODELS", true), r.bool("KERNELCHAT_PROBE_LOCAL", true),
        r.list("KERNELCHAT_LOCAL_PROBE_URLS").isEmpty() ? DEFAULT_LOCAL_PROBES : r.list("KERNELCHAT_LOCAL_PROBE_URLS"),
        Duration.ofSeconds(r.integer("KERNELCHAT_LLM_CONNECT_TIMEOUT", 10, 1)),
        Duration.ofSeconds(r.integer("KERNELCHAT_LLM_IDLE_TIMEOUT", 60, 1)),
        r.integer("KERNELCHAT_LLM_MAX_RETRIES", 2),
        Duration.ofMillis(r.integer("KERNELCHAT_LLM_RETRY_BASE_MS", 1000)),
        Duration.ofSeconds(r.integer("KERNELCHAT_LLM_MAX_RETRY_WAIT", 60)),
        ModelPrices.parse("KERNELCHAT_PRICES", r.text("KERNELCHAT_PRICES")));
  }
}
