package io.kernelchat.server.web;

import io.javalin.Javalin;
import io.javalin.compression.CompressionStrategy;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.kernelchat.jupyter.JupyterServerException;
import io.kernelchat.jupyter.KernelException;
import io.kernelchat.jupyter.KernelSpecNotFoundException;
import io.kernelchat.jupyter.KernelStartException;
import io.kernelchat.server.conversation.ApiJson;
import io.kernelchat.server.conversation.ConversationException;
import io.kernelchat.server.kernels.KernelUnavailableException;
import io.kernelchat.server.conversation.Conversations;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server: Javalin on Jetty. Handlers stay thin and throw; errors are rendered in one place as
 * {@code {"code","message"}}. Every response carries nosniff; the access guard runs before any route.
 */
public final class WebServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(WebServer.class);
  private static final Map<String, Integer> STATUS_BY_KIND = Map.of("bad_request", 400, "unauthorized", 401,
      "forbidden", 403, "not_found", 404, "conflict", 409, "too_large", 413, "unavailable", 503);
  private final Javalin app;

  private WebServer(Javalin app) {
    this.app = app;
  }

  /**
   * Starts serving; {@code uploadSpool}, an existing directory, is where multipart parts are spooled (same disk as the
   * workspaces); {@code servlets} are mounted at their paths (e.g. {@code /mcp}) behind the same access guard.
   */
  public static WebServer start(WebSettings settings, Conversations conversations, Path uploadSpool,
                                ApiExtension extension, Map<String, HttpServlet> servlets) {
    AccessGuard guard = new AccessGuard(settings.token(), settings.extraHosts(), servlets.keySet());
    PageRoutes page = new PageRoutes(guard);
    Javalin app = Javalin.create(config -> {
      config.startup.showJavalinBanner = false;
      config.startup.showOldJavalinVersionWarning = false;
      config.http.compressionStrategy = CompressionStrategy.NONE;
      config.http.maxRequestSize = 16L * 1024 * 1024;
      config.jsonMapper(new JavalinJackson(ApiJson.MAPPER, false));
      config.routes.before(ctx -> {
        ctx.header("X-Content-Type-Options", "nosniff");
        guard.check(ctx.req());
      });
      config.jetty.modifyServletContextHandler(handler -> servlets.forEach((path, servlet) -> {
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);   // streamed answers (SSE) finish on another thread
        handler.addServlet(holder, path);
        handler.addFilter(new FilterHolder(guarded(guard)), path, EnumSet.of(DispatcherType.REQUEST));
      }));
      config.routes.get("/api/health", ctx -> ctx.json(Map.of("status", "ok")));
      config.routes.get(OpenApiRoute.PATH, OpenApiRoute::serve);
      new ConversationRoutes(conversations).register(config.routes);
      new FileRoutes(conversations, uploadSpool, settings.uploadLimitBytes()).register(config.routes);
      config.routes.get("/api/conversations/{id}/events", new EventStreamRoute(conversations)::stream);
      config.routes.get("/api/conversations/{id}/notebook", ctx -> NotebookRoute.serve(ctx, conversations));
      extension.register(config.routes);
      config.routes.get("/*", page::serve);
      config.routes.exception(ApiException.class, (e, ctx) -> error(ctx, e.status(), e.code(), e.getMessage()));
      config.routes.exception(ConversationException.class, (e, ctx) -> error(ctx, statusOf(e.code()), e.code(),
          e.getMessage()));
      config.routes.exception(KernelUnavailableException.class, (e, ctx) -> error(ctx, 503, e.code(),
          e.getMessage()));
      config.routes.exception(Exception.class, WebServer::unexpected);
      config.routes.error(404, ctx -> {
        if (ctx.path().startsWith("/api/") && !"application/json".equals(ctx.res().getContentType())) {
          error(ctx, 404, "not_found:route", "no such API route: " + ctx.method() + " " + ctx.path());
        }
      });
      config.routes.error(405, ctx -> error(ctx, 405, "method_not_allowed", "method not allowed: " + ctx.method()));
    });
    app.start(settings.host(), settings.port());
    return new WebServer(app);
  }

  /** The access guard in front of a mounted servlet, its refusals rendered as the API's are. */
  private static Filter guarded(AccessGuard guard) {
    return (request, response, chain) -> {
      HttpServletResponse http = (HttpServletResponse) response;
      http.setHeader("X-Content-Type-Options", "nosniff");
      try {
        guard.check((HttpServletRequest) request);
      } catch (ApiException e) {
        http.setStatus(e.status());
        http.setContentType("application/json");
        ApiJson.MAPPER.writeValue(http.getOutputStream(), Map.of("code", e.code(), "message", e.getMessage()));
        return;
      }
      chain.doFilter(request, response);
    };
  }

  /** Routes another part adds (models and agent turns). */
  @FunctionalInterface
  public interface ApiExtension {
    void register(io.javalin.config.RoutesConfig routes);
  }

  public int port() {
    return app.port();
  }

  /** Every API route as {@code "GET /api/conversations/{id}"}, as openapi.json must list them. */
  public List<String> apiRoutes() {
    return app.unsafe.internalRouter.allHttpHandlers().stream().map(e -> e.endpoint)
        .filter(e -> e.method.isHttpMethod() && e.path.startsWith("/api/"))
        .map(e -> e.method.name() + " " + e.path.replace('<', '{').replace('>', '}')).sorted().toList();
  }

  @Override
  public void close() {
    app.stop();
  }

  private static void unexpected(Exception e, Context ctx) {
    if (e instanceof KernelSpecNotFoundException) {
      error(ctx, 503, "unavailable:python", e.getMessage());
    } else if (e instanceof KernelStartException k) {
      error(ctx, 503, "unavailable:kernel_start", k.getMessage() + (k.lastOutputLines().isEmpty() ? ""
          : "\n" + String.join("\n", k.lastOutputLines())));
    } else if (e instanceof JupyterServerException) {
      // The gateway is this server's to reach, not the client's: unreachable or refusing, the API is unavailable.
      error(ctx, 503, "unavailable:gateway", e.getMessage());
    } else if (e instanceof KernelException) {
      error(ctx, 503, "unavailable:kernel", e.getMessage());
    } else if (causedBy(e, "no space left on device", "sqlite_full")) {
      error(ctx, 507, "insufficient_storage:disk_full", "the disk is full, so this was not saved: free some space"
          + " and try again");
    } else if (causedBy(e, "max file size", "exceeds", "too large")) {
      error(ctx, 413, "too_large:upload", "the upload is larger than the limit (--upload-limit)");
    } else {
      log.error("{} {} failed", ctx.method(), ctx.path(), e);
      error(ctx, 500, "internal", "an unexpected error; the server log has the details");
    }
  }

  /** Whether a message in {@code e}'s cause chain contains one of {@code phrases} (lower case). */
  private static boolean causedBy(Throwable e, String... phrases) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      for (String phrase : phrases) {
        if (m.contains(phrase)) {
          return true;
        }
      }
    }
    return false;
  }

  private static int statusOf(String code) {
    return STATUS_BY_KIND.getOrDefault(code.split(":", 2)[0], 500);
  }

  private static void error(Context ctx, int status, String code, String message) {
    ctx.status(status).json(Map.of("code", code, "message", message == null ? code : message));
  }
}
