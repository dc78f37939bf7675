package io.kernelchat.server.web;

import io.javalin.config.RoutesConfig;
import io.kernelchat.server.llm.ModelInfo;
import io.kernelchat.server.llm.ModelRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** {@code GET /api/models}: the models a conversation can use, the default, and how to configure one. */
public final class ModelRoutes {
  private final Supplier<ModelRegistry> registry;

  /** {@code registry} may block while providers are asked for their model lists (bounded by their timeouts). */
  public ModelRoutes(Supplier<ModelRegistry> registry) {
    this.registry = registry;
  }

  public void register(RoutesConfig routes) {
    routes.get("/api/models", ctx -> {
      ModelRegistry r = registry.get();
      Map<String, Object> body = new LinkedHashMap<>();
      List<Map<String, Object>> models = r.models().stream().map(ModelRoutes::shape).toList();
      body.put("models", models);
      body.put("default", r.defaultModel().orElse(null));
      body.put("configured", r.configured());
      body.put("help", ModelRegistry.HOW_TO_CONFIGURE);
      ctx.json(body);
    });
  }

  private static Map<String, Object> shape(ModelInfo m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", m.id());
    out.put("provider", m.provider());
    out.put("displayName", m.displayName());
    out.put("tools", m.tools());
    out.put("vision", m.vision());
    return out;
  }
}
