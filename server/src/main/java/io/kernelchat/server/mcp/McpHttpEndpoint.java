package io.kernelchat.server.mcp;

import io.kernelchat.server.conversation.Conversations;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * {@code /mcp}: the SDK's Streamable HTTP transport as a servlet. The web server mounts it behind the same access
 * guard as {@code /api} (Host, token, Origin). Each POST's body is read here first, shown to {@link RunningCalls}
 * (cancellation), and handed on to the SDK unchanged.
 */
public final class McpHttpEndpoint extends HttpServlet implements AutoCloseable {
  public static final String PATH = "/mcp";
  /** As large as the JSON bodies of /api: a write_file of a few megabytes in base64 fits. */
  private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
  private final HttpServletStreamableServerTransportProvider transport;
  private final McpSyncServer server;
  private final RunningCalls calls = new RunningCalls();

  public McpHttpEndpoint(Conversations conversations) {
    this.transport = HttpServletStreamableServerTransportProvider.builder().jsonMapper(McpJsonDefaults.getMapper())
        .mcpEndpoint(PATH).maxRequestSize(MAX_BODY_BYTES).build();
    this.server = KernelchatMcp.build(McpServer.sync(transport), conversations, calls,
        exchange -> exchange.sessionId());
  }

  @Override
  public void init(ServletConfig config) throws ServletException {
    super.init(config);
    transport.init(config);
  }

  @Override
  protected void service(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
    if (!request.getMethod().equals("POST")) {
      transport.service(request, response);
      return;
    }
    byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
    String session = request.getHeader("Mcp-Session-Id");
    calls.received(session == null ? "" : session, new String(body, StandardCharsets.UTF_8));
    transport.service(new ReadAgain(request, body), response);
  }

  @Override
  public void close() {
    server.closeGracefully();
  }

  /** The request with its body, already read, to read again. */
  private static final class ReadAgain extends HttpServletRequestWrapper {
    private final byte[] body;

    ReadAgain(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new IllegalStateException("the body is already read: read it blocking");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }
  }
}
