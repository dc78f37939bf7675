package io.kernelchat.server.mcp;

import io.kernelchat.jupyter.ExecutionListener;
import io.kernelchat.jupyter.KernelException;
import io.kernelchat.jupyter.KernelSpecs;
import io.kernelchat.jupyter.Output;
import io.kernelchat.jupyter.StreamOutput;
import io.kernelchat.server.conversation.ApiJson;
import io.kernelchat.server.conversation.Conversation;
import io.kernelchat.server.conversation.ConversationException;
import io.kernelchat.server.conversation.Conversations;
import io.kernelchat.server.conversation.Views;
import io.kernelchat.server.conversation.WorkspaceFiles;
import io.kernelchat.server.kernels.KernelUnavailableException;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The MCP tools: code, files and kernels of kernelchat's conversations, the same ones the page shows. A call that
 * names no conversation uses the one this MCP session made first, making it when there is none. Failures are
 * tool results with {@code isError} and the API's {@code code: message}, so the model reads them.
 */
final class KernelTools {
  private static final String ID = "conversation_id";
  private final Conversations conversations;
  private final McpLimits limits;
  private final RunningCalls calls;
  private final Function<McpSyncServerExchange, String> sessionOf;
  private final Map<String, String> conversationBySession = new ConcurrentHashMap<>();

  KernelTools(Conversations conversations, McpLimits limits, RunningCalls calls,
              Function<McpSyncServerExchange, String> sessionOf) {
    this.conversations = conversations;
    this.limits = limits;
    this.calls = calls;
    this.sessionOf = sessionOf;
  }

  List<SyncToolSpecification> all() {
    return List.of(
        tool("execute_code", "Run Python in the conversation's Jupyter kernel (variables persist between calls)."
            + " Returns the output as text and plots as images; long output is cut to its head and tail with the"
            + " whole in a workspace file. Reports progress as output arrives; cancelling interrupts the cell.",
            schema(Map.of("code", string("the Python code"), ID, string("optional; default: this session's"
                + " conversation, made on first use")), "code"), this::execute),
        tool("list_conversations", "The conversations, newest first, as the page lists them.", schema(Map.of()),
            call -> json(Map.of("conversations", conversations.list()))),
        tool("list_files", "The files in the conversation's workspace (the kernel's working directory).",
            schema(Map.of(ID, string("optional"))), call -> json(Map.of("files", conversation(call).workspace().list()))),
        tool("read_file", "Read a workspace file: an image as image content, text from a byte offset on, at most"
            + " a bounded amount per call (the answer says where to go on).",
            schema(Map.of("name", string("path in the workspace, e.g. data/sales.csv"), "offset",
                Map.of("type", "integer", "minimum", 0, "description", "byte to start at; default 0"),
                ID, string("optional")), "name"),
            call -> new FileReads(limits).read(conversation(call).workspace(), text(call, "name"),
                call.args().get("offset") instanceof Number n ? n.longValue() : 0)),
        tool("write_file", "Create or replace a workspace file, so the code can read it.",
            schema(Map.of("name", string("path in the workspace"), "content", string("the file's text, or its bytes"
                + " in base64 when encoding is base64"), "encoding", Map.of("type", "string", "enum",
                List.of("text", "base64"), "description", "default text"), ID, string("optional")), "name", "content"),
            this::write),
        tool("interrupt_kernel", "Interrupt the cell running in the conversation's kernel (KeyboardInterrupt).",
            schema(Map.of(ID, string("optional"))), call -> {
              conversation(call).interrupt();
              return text("interrupted");
            }),
        tool("restart_kernel", "Restart the conversation's kernel: its variables are gone, its files stay.",
            schema(Map.of(ID, string("optional"))), call -> {
              conversation(call).restartKernel();
              return text("restarted");
            }),
        tool("list_kernelspecs", "The Jupyter kernelspecs installed on this machine. Conversations run Python.",
            schema(Map.of()), call -> json(Map.of("kernelspecs", KernelSpecs.discover().all().stream()
                .map(s -> Map.of("name", s.name(), "displayName", s.displayName(), "language", s.language()))
                .toList()))),
        tool("export_notebook", "Save the conversation as a Jupyter notebook (.ipynb) in its workspace.",
            schema(Map.of(ID, string("optional"))), this::exportNotebook));
  }

  /** One tools/call: its arguments, and the progress token the client sent when it wants progress. */
  private record Call(McpSyncServerExchange exchange, Map<String, Object> args, Object progressToken) {}

  private McpSchema.CallToolResult execute(Call call) {
    Conversation c = conversation(call);
    CellContent content = new CellContent(progress(call), limits);
    try (RunningCalls.Registration cancel = calls.whileRunning(sessionOf.apply(call.exchange()), call.progressToken(),
        c::interrupt)) {
      Views.CellView cell = c.execute(text(call, "code"), content);
      return content.result(c, cell);
    }
  }

  private McpSchema.CallToolResult write(Call call) {
    boolean base64 = "base64".equals(call.args().get("encoding"));
    String content = text(call, "content");
    byte[] bytes;
    try {
      bytes = base64 ? Base64.getMimeDecoder().decode(content)
          : content.getBytes(StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new ConversationException("bad_request:content", "content is not base64: " + e.getMessage());
    }
    return json(conversation(call).upload(text(call, "name"),
        WorkspaceFiles.Content.of(new ByteArrayInputStream(bytes))));
  }

  private McpSchema.CallToolResult exportNotebook(Call call) {
    Conversation c = conversation(call);
    String notebook = conversations.notebook(c.id());
    String name = "conversation-" + c.id().substring(0, 8) + ".ipynb";
    c.workspace().save(name, WorkspaceFiles.Content.of(new ByteArrayInputStream(
        notebook.getBytes(StandardCharsets.UTF_8))));
    return text("saved as " + name + " in the workspace (" + notebook.length() + " characters); read_file reads it");
  }

  /** Each output becomes a progress notification: its count so far, and stream text as the message. */
  private static ExecutionListener progress(Call call) {
    Object token = call.progressToken();
    if (token == null) {
      return new ExecutionListener() {};
    }
    AtomicInteger outputs = new AtomicInteger();
    return new ExecutionListener() {
      @Override
      public void onOutput(Output output) {
        String message = output instanceof StreamOutput s ? s.text() : output.getClass().getSimpleName();
        call.exchange().progressNotification(new McpSchema.ProgressNotification(token, outputs.incrementAndGet(), null,
            message.length() > 200 ? message.substring(0, 200) + "…" : message));
      }
    };
  }

  private Conversation conversation(Call call) {
    Object named = call.args().get(ID);
    if (named instanceof String id && !id.isBlank()) {
      return conversations.get(id);
    }
    String id = conversationBySession.computeIfAbsent(sessionOf.apply(call.exchange()),
        session -> conversations.create("From an MCP client", null, null).id());
    return conversations.get(id);
  }

  private static String text(Call call, String name) {
    if (!(call.args().get(name) instanceof String value)) {
      throw new ConversationException("bad_request:" + name, name + " is required (a string)");
    }
    return value;
  }

  private static SyncToolSpecification tool(String name, String description, Map<String, Object> inputSchema,
      Function<Call, McpSchema.CallToolResult> handler) {
    McpSchema.Tool tool = McpSchema.Tool.builder().name(name).description(description).inputSchema(inputSchema)
        .build();
    return new SyncToolSpecification(tool, (exchange, request) -> {
      try {
        Map<String, Object> meta = request.meta() == null ? Map.of() : request.meta();
        return handler.apply(new Call(exchange, request.arguments() == null ? Map.of() : request.arguments(),
            meta.get("progressToken")));
      } catch (ConversationException e) {
        return error(e.code(), e.getMessage());
      } catch (KernelUnavailableException e) {
        return error(e.code(), e.getMessage());
      } catch (KernelException e) {
        return error("unavailable:kernel", e.getMessage());
      }
    });
  }

  private static McpSchema.CallToolResult error(String code, String message) {
    return McpSchema.CallToolResult.builder().addTextContent(code + ": " + message).isError(true).build();
  }

  private static McpSchema.CallToolResult text(String text) {
    return McpSchema.CallToolResult.builder().addTextContent(text).build();
  }

  private static McpSchema.CallToolResult json(Object value) {
    try {
      return text(ApiJson.MAPPER.writeValueAsString(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> string(String description) {
    return Map.of("type", "string", "description", description);
  }

  private static Map<String, Object> schema(Map<String, Object> properties, String... required) {
    return Map.of("type", "object", "properties", properties, "required", List.of(required));
  }
}
