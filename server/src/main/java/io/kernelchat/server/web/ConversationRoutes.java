package io.kernelchat.server.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.ContentType;
import io.javalin.http.Context;
import io.kernelchat.server.conversation.ApiJson;
import io.kernelchat.server.conversation.ApprovalMode;
import io.kernelchat.server.conversation.Conversations;
import io.kernelchat.server.store.TranscriptRepository;
import java.io.IOException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Conversations and their kernels: kernelspecs, create, list, read, rename, delete, run code, answer its input(), approve or reject the model's code, run all again, stop, restart, add context. */
final class ConversationRoutes {
  private static final Logger log = LoggerFactory.getLogger(ConversationRoutes.class);
  /** The most items one page may ask for; a client that wants them all asks without a limit. */
  static final int MAX_PAGE = 1000;
  private final Conversations conversations;

  ConversationRoutes(Conversations conversations) {
    this.conversations = conversations;
  }

  void register(RoutesConfig routes) {
    routes.get("/api/sandbox", ctx -> ctx.json(conversations.sandbox()));
    routes.get("/api/kernels/pool", ctx -> ctx.json(conversations.pool()));
    routes.get("/api/kernelspecs", ctx -> ctx.json(conversations.kernelspecs()));
    routes.post("/api/conversations", this::create);
    routes.get("/api/conversations", ctx -> ctx.json(Map.of("conversations", conversations.list())));
    routes.get("/api/conversations/{id}", ctx -> streamJson(ctx, conversations.transcript(ctx.pathParam("id"),
        page(ctx))));
    routes.patch("/api/conversations/{id}", this::update);
    routes.delete("/api/conversations/{id}", ctx -> {
      conversations.delete(ctx.pathParam("id"));
      ctx.status(204);
    });
    routes.post("/api/conversations/{id}/execute", ctx -> {
      String code = JsonBody.of(ctx).requiredText("code");
      streamJson(ctx, conversations.get(ctx.pathParam("id")).execute(code));
    });
    routes.post("/api/conversations/{id}/kernel/restart", ctx -> {
      conversations.get(ctx.pathParam("id")).restartKernel();
      ctx.status(204);
    });
    routes.post("/api/conversations/{id}/context", ctx -> {
      String text = JsonBody.of(ctx).requiredText("text");
      if (text.isBlank()) {
        throw ApiException.badRequest("text", "text must not be empty");
      }
      ctx.status(201).json(conversations.get(ctx.pathParam("id")).addContext(text));
    });
    routes.post("/api/conversations/{id}/messages", ctx -> {
      JsonBody body = JsonBody.of(ctx);
      String turnId = conversations.sendMessage(ctx.pathParam("id"), body.requiredText("text"), body.optionalText("model"));
      ctx.status(202).json(Map.of("turnId", turnId));
    });
    routes.post("/api/conversations/{id}/input", ctx -> {
      JsonBody body = JsonBody.of(ctx);
      conversations.get(ctx.pathParam("id")).answerInput(body.requiredText("cellId"), body.requiredText("value"));
      ctx.status(204);
    });
    routes.post("/api/conversations/{id}/cells/{cellId}/approve", ctx -> {
      conversations.get(ctx.pathParam("id")).approve(ctx.pathParam("cellId"), JsonBody.of(ctx).optionalText("code"));
      ctx.status(204);
    });
    routes.post("/api/conversations/{id}/cells/{cellId}/reject", ctx -> {
      conversations.get(ctx.pathParam("id")).reject(ctx.pathParam("cellId"), JsonBody.of(ctx).optionalText("reason"));
      ctx.status(204);
    });
    routes.post("/api/conversations/{id}/run-all", ctx ->
        streamJson(ctx, Map.of("cells", conversations.get(ctx.pathParam("id")).runAll())));
    routes.post("/api/conversations/{id}/stop", ctx -> {
      conversations.get(ctx.pathParam("id")).stop();
      ctx.status(204);
    });
  }

  /**
   * {@code ?limit=n}: only the newest n items; {@code ?before=<item id>}: only the items before that one. Both
   * together page a long transcript backwards; without them the answer holds every item, as it always did.
   */
  private static TranscriptRepository.Page page(Context ctx) {
    String limit = ctx.queryParam("limit");
    String before = ctx.queryParam("before");
    if (limit == null) {
      return new TranscriptRepository.Page(before, null);
    }
    try {
      int n = Integer.parseInt(limit.trim());
      if (n >= 1 && n <= MAX_PAGE) {
        return new TranscriptRepository.Page(before, n);
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest("limit", "limit must be a whole number from 1 to " + MAX_PAGE + ", was " + limit);
  }

  /** For answers that carry cell outputs: written as they are serialised, not built whole first. */
  private static void streamJson(Context ctx, Object value) {
    ctx.contentType(ContentType.APPLICATION_JSON);
    try {
      ApiJson.writeTo(ctx.outputStream(), value);
    } catch (IOException e) {
      log.debug("{} {}: the client left before the answer was written ({})", ctx.method(), ctx.path(), e.toString());
    }
  }

  private void create(Context ctx) {
    JsonBody body = JsonBody.of(ctx);
    ctx.status(201).json(conversations.create(body.optionalText("title"), body.optionalText("model"),
        body.optionalText("kernel")));
  }

  private static ApprovalMode approvalMode(String text) {
    try {
      return ApprovalMode.parse("approval", text);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("approval", e.getMessage());
    }
  }

  private void update(Context ctx) {
    JsonBody body = JsonBody.of(ctx);
    String title = body.optionalText("title");
    if (title != null && title.isBlank()) {
      throw ApiException.badRequest("title", "title must not be empty");
    }
    String approval = body.optionalText("approval");
    ctx.json(conversations.update(ctx.pathParam("id"), title, body.optionalText("model"),
        body.optionalBoolean("network"), body.optionalText("kernel"), approval == null ? null : approvalMode(approval)));
  }
}
