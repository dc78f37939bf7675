package io.kernelchat.server;

import io.kernelchat.server.agent.AgentSettings;
import io.kernelchat.server.conversation.ConversationSettings;
import io.kernelchat.server.conversation.Conversations;
import io.kernelchat.server.llm.LlmSettings;
import io.kernelchat.server.llm.ModelRegistry;
import io.kernelchat.server.mcp.McpHttpEndpoint;
import io.kernelchat.server.web.ModelRoutes;
import io.kernelchat.server.store.Database;
import io.kernelchat.server.store.OwnerOnly;
import io.kernelchat.server.web.WebServer;
import io.kernelchat.server.web.WebSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** The whole app wired together: store, conversations, models, web. Closing it leaves no kernel behind. */
public final class KernelchatServer implements AutoCloseable {
  private final Database db;
  private final Conversations conversations;
  private final WebServer web;
  private final McpHttpEndpoint mcp;
  private final ServerOptions options;

  private KernelchatServer(ServerOptions options, Database db, Conversations conversations, WebServer web,
                           McpHttpEndpoint mcp) {
    this.options = options;
    this.db = db;
    this.conversations = conversations;
    this.web = web;
    this.mcp = mcp;
  }

  public static KernelchatServer start(ServerOptions options, Map<String, String> serverEnvironment) {
    Path spool = options.home().resolve("tmp");
    try {
      // Also tightens a home an older version made with the umask's permissions.
      OwnerOnly.directories(options.home());
      OwnerOnly.directories(spool);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the home " + options.home() + " private: " + e.getMessage(), e);
    }
    Database db = Database.open(options.home().resolve("kernelchat.db"));
    Conversations conversations = null;
    try {
      ConversationSettings settings = ConversationSettings.defaults(options.home(), options.python())
          .withKernel(options.kernel()).withMaxKernels(options.maxKernels()).withIdleTimeout(options.idleTimeout())
          .withExecutionTimeout(options.executionTimeout()).withOutputCapBytes(options.outputLimitBytes())
          .withKernelPool(options.kernelPool()).withSandbox(options.sandbox())
          .withApproval(options.approval()).withGateway(options.gateway());
      // Asking providers for their model lists can take seconds (and setting up TLS takes CPU): it starts once
      // the server listens, and only what needs the models waits for it.
      LlmSettings llm = LlmSettings.fromEnvironment(options.modelEnvironment());
      CompletableFuture<ModelRegistry> registry = new CompletableFuture<>();
      conversations = new Conversations(db, settings, serverEnvironment, registry::join, AgentSettings.defaults(),
          llm.prices());
      Set<String> hosts = new HashSet<>(options.allowedHosts());
      if (!isWildcard(options.host())) {
        hosts.add(options.host().toLowerCase());
      }
      ModelRoutes models = new ModelRoutes(registry::join);
      McpHttpEndpoint mcp = new McpHttpEndpoint(conversations);
      WebServer web = WebServer.start(new WebSettings(options.host(), options.port(), options.token(), hosts,
          options.uploadLimitBytes()), conversations, spool, models::register, Map.of(McpHttpEndpoint.PATH, mcp));
      CompletableFuture.runAsync(() -> {
        try {
          registry.complete(ModelRegistry.fromSettings(llm));
        } catch (RuntimeException e) {
          registry.completeExceptionally(e);
        }
      });
      return new KernelchatServer(options, db, conversations, web, mcp);
    } catch (RuntimeException e) {
      if (conversations != null) {
        conversations.close();
      }
      db.close();
      throw e;
    }
  }

  /** For {@code kernelchat mcp}, which serves these conversations on stdio too. */
  public Conversations conversations() {
    return conversations;
  }

  /** The API's routes, for the check that openapi.json describes exactly these. */
  public List<String> apiRoutes() {
    return web.apiRoutes();
  }

  public int port() {
    return web.port();
  }

  /** The address to open, with the token that logs the browser in. */
  public String url() {
    String host = isWildcard(options.host()) || options.host().equals("127.0.0.1") ? "127.0.0.1" : options.host();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/?token=" + options.token();
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  private static boolean isWildcard(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
  }

  @Override
  public void close() {
    try {
      mcp.close();
      conversations.close();
      web.close();
    } finally {
      db.close();
    }
  }
}
