package io.kernelchat.server.mcp;

import io.kernelchat.server.conversation.Conversations;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Function;

/**
 * kernelchat as an MCP server (the official Java SDK), over stdio for {@code kernelchat mcp} and over Streamable
 * HTTP at {@code /mcp} ({@link McpHttpEndpoint}); both offer {@link KernelTools} on the server's conversations.
 */
public final class KernelchatMcp {
  private KernelchatMcp() {}

  /**
   * Serves one client on {@code in} and {@code out} (a process's stdin and stdout) until {@code in} ends; the
   * returned server is already running.
   */
  public static StdioSession stdio(Conversations conversations, InputStream in, OutputStream out) {
    RunningCalls calls = new RunningCalls();
    // One client per process: every call belongs to the same session.
    WatchedInput watched = new WatchedInput(in, line -> calls.received("stdio", line));
    StdioServerTransportProvider transport = new StdioServerTransportProvider(McpJsonDefaults.getMapper(), watched,
        out);
    McpSyncServer server = build(McpServer.sync(transport), conversations, calls, exchange -> "stdio");
    return new StdioSession(server, watched);
  }

  /** A stdio server; {@link #awaitEnd()} returns when the client closes its end. */
  public record StdioSession(McpSyncServer server, WatchedInput input) {
    public void awaitEnd() throws InterruptedException {
      input.awaitEnd();
      server.closeGracefully();
    }
  }

  static McpSyncServer build(McpServer.SyncSpecification<?> spec, Conversations conversations, RunningCalls calls,
                             Function<McpSyncServerExchange, String> sessionOf) {
    return spec.serverInfo("kernelchat", "0.1.0")
        .instructions("Runs Python in sandboxed Jupyter kernels, one per kernelchat conversation; the kernelchat"
            + " page shows the same conversations, cells and files.")
        .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
        .tools(new KernelTools(conversations, McpLimits.defaults(), calls, sessionOf).all())
        .build();
  }
}
