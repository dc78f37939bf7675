package io.kernelchat.server.llm;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the models are and how to talk to them, read from environment-style variables (the SDKs' own
 * names where they exist). Blank values count as unset.
 */
public record LlmSettings(
    String openAiApiKey, String openAiBaseUrl,
    String azureEndpoint, String azureApiKey, String azureApiVersion, List<String> azureDeployments,
    String anthropicApiKey, String anthropicBaseUrl,
    List<String> models, String defaultModel, Set<String> fencedModels, Set<String> visionModels,
    int defaultContextTokens, boolean discoverModels, boolean probeLocal, List<String> localProbeUrls,
    Duration connectTimeout, Duration idleTimeout, int maxRetries, Duration retryBaseDelay,
    Duration maxRetryWait) {

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
    EnvReader r = new EnvReader(env);
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
        Duration.ofSeconds(r.integer("KERNELCHAT_LLM_CONNECT_TIMEOUT", 10)),
        Duration.ofSeconds(r.integer("KERNELCHAT_LLM_IDLE_TIMEOUT", 60)),
        r.integer("KERNELCHAT_LLM_MAX_RETRIES", 2),
        Duration.ofMillis(r.integer("KERNELCHAT_LLM_RETRY_BASE_MS", 1000)),
        Duration.ofSeconds(r.integer("KERNELCHAT_LLM_MAX_RETRY_WAIT", 60)));
  }

  /** True when any provider is configured explicitly (else the registry probes loopback). */
  public boolean anyProviderConfigured() {
    return openAiApiKey != null || openAiBaseUrl != null || azureEndpoint != null || anthropicApiKey != null;
  }

  public LlmSettings withIdleTimeout(Duration timeout) {
    return new LlmSettings(openAiApiKey, openAiBaseUrl, azureEndpoint, azureApiKey, azureApiVersion,
        azureDeployments, anthropicApiKey, anthropicBaseUrl, models, defaultModel, fencedModels, visionModels,
        defaultContextTokens, discoverModels, probeLocal, localProbeUrls, connectTimeout, timeout, maxRetries,
        retryBaseDelay, maxRetryWait);
  }

  private record EnvReader(Map<String, String> env) {
    String text(String name) {
      String value = env.get(name);
      return value == null || value.isBlank() ? null : value.trim();
    }

    String textOr(String name, String fallback) {
      String value = text(name);
      return value == null ? fallback : value;
    }

    List<String> list(String name) {
      String value = text(name);
      return value == null ? List.of()
          : Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    int integer(String name, int fallback) {
      String value = text(name);
      if (value == null) {
        return fallback;
      }
      try {
        int parsed = Integer.parseInt(value);
        if (parsed < 0) {
          throw new NumberFormatException();
        }
        return parsed;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(name + " must be a whole number >= 0, got '" + value + "'");
      }
    }

    boolean bool(String name, boolean fallback) {
      String value = text(name);
      if (value == null) {
        return fallback;
      }
      return switch (value.toLowerCase()) {
        case "true", "1", "yes", "on" -> true;
        case "false", "0", "no", "off" -> false;
        default -> throw new IllegalArgumentException(name + " must be true or false, got '" + value + "'");
      };
    }
  }
}
