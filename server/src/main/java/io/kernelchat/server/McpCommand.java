package io.kernelchat.server;

import io.kernelchat.server.mcp.KernelchatMcp;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code kernelchat mcp}: an MCP server on stdin and stdout for an agent that starts it (Claude Desktop, an IDE).
 * The whole app runs as well, so the page at the URL printed on stderr shows the same conversations; stdout
 * carries nothing but MCP messages. It ends when the client closes stdin.
 */
@Command(name = "mcp", mixinStandardHelpOptions = true,
    description = {"Serve MCP on stdin/stdout (the app's options go before `mcp`, e.g. kernelchat --port 0 mcp).",
        "The page, at the URL printed on stderr, shows the same conversations."})
final class McpCommand implements Callable<Integer> {
  @ParentCommand
  private Main main;

  @Override
  public Integer call() throws Exception {
    KernelchatServer server;
    try {
      server = KernelchatServer.start(main.options(), System.getenv());
    } catch (RuntimeException e) {
      System.err.println("kernelchat: cannot start: " + e.getMessage());
      return 1;
    }
    try (server) {
      System.err.println("kernelchat is running at " + server.url() + " (MCP on stdin/stdout)");
      KernelchatMcp.stdio(server.conversations(), System.in, System.out).awaitEnd();
    }
    return 0;
  }
}
