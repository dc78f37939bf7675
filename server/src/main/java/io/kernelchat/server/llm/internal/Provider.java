package io.kernelchat.server.llm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kernelchat.server.llm.ChatModel;
import io.kernelchat.server.llm.LlmSettings;
import io.kernelchat.server.llm.ModelInfo;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One configured provider: how to list its models and how to make a {@link ChatModel} for one of them. */
public final class Provider {
  /** The wire format a provider speaks. */
  public enum Kind { OPENAI_COMPATIBLE, AZURE, ANTHROPIC }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Kind kind;
  private final ProviderEndpoint endpoint;
  private final LlmSettings settings;
  private final ProviderHttp http;

  Provider(Kind kind, ProviderEndpoint endpoint, LlmSettings settings, ProviderHttp http) {
    this.kind = kind;
    this.endpoint = endpoint;
    this.settings = settings;
    this.http = http;
  }

  public String name() {
    return endpoint.provider();
  }

  public Kind kind() {
    return kind;
  }

  /** Model ids and display names the provider reports, in its order; empty when it cannot list them. */
  public Map<String, String> listModels(Duration timeout) {
    Map<String, String> models = new LinkedHashMap<>();
    if (kind == Kind.AZURE) {
      return models; // deployments are not listable with a data-plane key; they come from settings
    }
    String url = endpoint.baseUrl() + (kind == Kind.ANTHROPIC ? "/v1/models" : "/models");
    String body = http.getOrNull(endpoint, URI.create(url), timeout);
    if (body == null) {
      return models;
    }
    try {
      for (JsonNode model : JSON.readTree(body).path("data")) {
        String id = model.path("id").asText("");
        if (!id.isEmpty() && ModelTraits.chat(id)) {
          models.put(id, model.path("display_name").asText(id));
        }
      }
    } catch (Exception notAModelList) {
      models.clear();
    }
    return models;
  }

  /** The registry's view of one of this provider's models. */
  public ModelInfo describe(String id, String remoteName, String displayName) {
    boolean tools = !settings.fencedModels().contains(id) && !settings.fencedModels().contains(remoteName);
    boolean vision = settings.visionModels().contains(id) || settings.visionModels().contains(remoteName)
        || ModelTraits.vision(remoteName);
    return new ModelInfo(id, name(), displayName, tools, vision,
        ModelTraits.contextTokens(remoteName, settings.defaultContextTokens()));
  }

  public ChatModel chatModel(ModelInfo info, String remoteName) {
    return switch (kind) {
      case ANTHROPIC -> new AnthropicChatModel(info, remoteName, endpoint, http);
      case AZURE -> new OpenAiChatModel(info, remoteName, endpoint, URI.create(endpoint.baseUrl()
          + "/openai/deployments/" + URLEncoder.encode(remoteName, StandardCharsets.UTF_8)
          + "/chat/completions?api-version=" + URLEncoder.encode(settings.azureApiVersion(), StandardCharsets.UTF_8)),
          http);
      case OPENAI_COMPATIBLE -> new OpenAiChatModel(info, remoteName, endpoint,
          URI.create(endpoint.baseUrl() + "/chat/completions"), http);
    };
  }

  /** The providers the settings configure, OpenAI-compatible first, then Azure, then Anthropic. */
  public static List<Provider> configured(LlmSettings settings, ProviderHttp http) {
    List<Provider> providers = new ArrayList<>();
    if (settings.openAiApiKey() != null || settings.openAiBaseUrl() != null) {
      String base = settings.openAiBaseUrl() == null ? "https://api.openai.com/v1" : settings.openAiBaseUrl();
      providers.add(openAiCompatible(base, settings.openAiApiKey(), settings, http));
    }
    if (settings.azureEndpoint() != null) {
      Map<String, String> headers = settings.azureApiKey() == null ? Map.of() : Map.of("api-key", settings.azureApiKey());
      providers.add(new Provider(Kind.AZURE, new ProviderEndpoint("azure", settings.azureEndpoint(), headers,
          "AZURE_OPENAI_API_KEY"), settings, http));
    }
    if (settings.anthropicApiKey() != null) {
      providers.add(new Provider(Kind.ANTHROPIC, new ProviderEndpoint("anthropic", settings.anthropicBaseUrl(),
          Map.of("x-api-key", settings.anthropicApiKey(), "anthropic-version", "2023-06-01"), "ANTHROPIC_API_KEY"),
          settings, http));
    }
    return providers;
  }

  /** An OpenAI-compatible server; local servers need no key, so none is sent when none is set. */
  public static Provider openAiCompatible(String baseUrl, String apiKey, LlmSettings settings, ProviderHttp http) {
    Map<String, String> headers = apiKey == null ? Map.of() : Map.of("Authorization", "Bearer " + apiKey);
    return new Provider(Kind.OPENAI_COMPATIBLE, new ProviderEndpoint(providerName(baseUrl), baseUrl, headers,
        "OPENAI_API_KEY"), settings, http);
  }

  private static String providerName(String baseUrl) {
    if (baseUrl.contains("api.openai.com")) {
      return "openai";
    }
    if (baseUrl.contains(":11434")) {
      return "ollama";
    }
    return baseUrl.contains(":1234") ? "lmstudio" : "openai-compatible";
  }
}
