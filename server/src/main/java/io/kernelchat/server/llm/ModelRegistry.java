package io.kernelchat.server.llm;

import io.kernelchat.server.llm.internal.Provider;
import io.kernelchat.server.llm.internal.ProviderHttp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models the app can use: configured ones ({@code KERNELCHAT_MODELS}, Azure deployments) first, then
 * what each provider's model list reports. With nothing configured it looks for Ollama or LM Studio on
 * this machine. Model ids are the provider's names; a name two providers share is prefixed with the
 * second provider's name ({@code anthropic:x}). A prefix in {@code KERNELCHAT_MODELS} picks the provider.
 */
public final class ModelRegistry {
  /** What to tell a user who has no model. */
  public static final String HOW_TO_CONFIGURE = "No model configured. Set OPENAI_API_KEY (and OPENAI_BASE_URL for "
      + "any OpenAI-compatible server such as vLLM or llama.cpp), ANTHROPIC_API_KEY, or AZURE_OPENAI_ENDPOINT with "
      + "AZURE_OPENAI_API_KEY and AZURE_OPENAI_DEPLOYMENTS; or start Ollama (port 11434) or LM Studio (port 1234) "
      + "on this machine. KERNELCHAT_MODELS lists models and KERNELCHAT_MODEL picks the default. "
      + "Code can still be run directly without a model.";

  private static final Duration LIST_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration PROBE_TIMEOUT = Duration.ofMillis(700);

  private final Map<String, ChatModel> models;
  private final String defaultModel;

  private ModelRegistry(Map<String, ChatModel> models, String defaultModel) {
    this.models = models;
    this.defaultModel = defaultModel;
  }

  /** A registry of ready-made models (first is the default when {@code defaultModel} is null). */
  public static ModelRegistry of(List<ChatModel> models, String defaultModel) {
    Map<String, ChatModel> byId = new LinkedHashMap<>();
    models.forEach(m -> byId.putIfAbsent(m.info().id(), m));
    String chosen = defaultModel != null && byId.containsKey(defaultModel) ? defaultModel
        : byId.keySet().stream().findFirst().orElse(null);
    return new ModelRegistry(byId, chosen);
  }

  /** Builds the registry; may call providers' model lists (bounded by short timeouts). */
  public static ModelRegistry fromSettings(LlmSettings settings) {
    ProviderHttp http = new ProviderHttp(settings);
    List<Provider> providers = new ArrayList<>(Provider.configured(settings, http));
    Map<String, String> probed = Map.of();
    if (providers.isEmpty() && settings.probeLocal()) {
      for (String url : settings.localProbeUrls()) {
        Provider local = Provider.openAiCompatible(url, null, settings, http);
        probed = local.listModels(PROBE_TIMEOUT);
        if (!probed.isEmpty()) {
          providers.add(local);
          break;
        }
      }
    }
    Catalog catalog = new Catalog();
    String defaultId = settings.defaultModel() == null ? null : catalog.addConfigured(settings.defaultModel(), providers);
    settings.models().forEach(entry -> catalog.addConfigured(entry, providers));
    for (Provider provider : providers) {
      if (provider.kind() == Provider.Kind.AZURE) {
        settings.azureDeployments().forEach(d -> catalog.add(provider, d, d));
      }
    }
    if (settings.discoverModels() || !probed.isEmpty()) {
      for (Provider provider : providers) {
        Map<String, String> listed = provider.kind() == Provider.Kind.OPENAI_COMPATIBLE && !probed.isEmpty()
            ? probed : provider.listModels(LIST_TIMEOUT);
        listed.forEach((name, display) -> catalog.add(provider, name, display));
      }
    }
    return of(catalog.models, defaultId);
  }

  public List<ModelInfo> models() {
    return models.values().stream().map(ChatModel::info).toList();
  }

  public Optional<String> defaultModel() {
    return Optional.ofNullable(defaultModel);
  }

  /** True when at least one model is available. */
  public boolean configured() {
    return !models.isEmpty();
  }

  /**
   * The model with this id, or the default model when {@code id} is null. An unknown id or an empty registry
   * is an {@link LlmException} a user can act on.
   */
  public ChatModel model(String id) {
    if (models.isEmpty()) {
      throw new LlmException.NoModelConfigured(HOW_TO_CONFIGURE);
    }
    ChatModel model = models.get(id == null ? defaultModel : id);
    if (model == null) {
      throw new LlmException.ModelNotFound("Model " + id + " not found; available: " + String.join(", ", models.keySet()));
    }
    return model;
  }

  /** Collects models in order, giving each a unique id. */
  private static final class Catalog {
    final List<ChatModel> models = new ArrayList<>();
    final Map<String, String> ownerOfName = new LinkedHashMap<>();

    /** Adds a model named in settings ("name" or "provider:name"); returns its id, or null without providers. */
    String addConfigured(String entry, List<Provider> providers) {
      int colon = entry.indexOf(':');
      if (colon > 0) {
        String prefix = entry.substring(0, colon);
        for (Provider provider : providers) {
          if (provider.name().equals(prefix)) {
            return add(provider, entry.substring(colon + 1), entry.substring(colon + 1));
          }
        }
      }
      return providers.stream()
          .filter(p -> entry.startsWith("claude") == (p.kind() == Provider.Kind.ANTHROPIC))
          .findFirst().or(() -> providers.stream().findFirst())
          .map(p -> add(p, entry, entry)).orElse(null);
    }

    /** Adds a provider's model unless it is already there; returns its id. */
    String add(Provider provider, String remoteName, String displayName) {
      String owner = ownerOfName.putIfAbsent(remoteName, provider.name());
      String id = owner == null || owner.equals(provider.name()) ? remoteName : provider.name() + ":" + remoteName;
      if (models.stream().noneMatch(m -> m.info().id().equals(id))) {
        models.add(provider.chatModel(provider.describe(id, remoteName, displayName), remoteName));
      }
      return id;
    }
  }
}
