package io.kernelchat.server.mcp;

import io.kernelchat.jupyter.ExecutionListener;
import io.kernelchat.jupyter.Output;
import io.kernelchat.server.agent.CellDigest;
import io.kernelchat.server.agent.OutputBudget;
import io.kernelchat.server.conversation.Conversation;
import io.kernelchat.server.conversation.Views;
import io.kernelchat.server.conversation.WorkspaceFiles;
import io.kernelchat.server.llm.Image;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * What an MCP client gets of one cell, digested as for our own agent: the text cut to its head and tail with the
 * whole of it in a workspace file, and each image as image content when it is small enough, always also saved as
 * a workspace file that {@code read_file} returns at full size.
 */
final class CellContent implements ExecutionListener {
  private static final Map<String, String> EXTENSIONS = Map.of("image/png", "png", "image/jpeg", "jpg",
      "image/gif", "gif", "image/webp", "webp");
  private final CellDigest digest = new CellDigest();
  private final ExecutionListener progress;
  private final McpLimits limits;

  CellContent(ExecutionListener progress, McpLimits limits) {
    this.progress = progress;
    this.limits = limits;
  }

  @Override
  public void onOutput(Output output) {
    digest.add(output);
    progress.onOutput(output);
  }

  McpSchema.CallToolResult result(Conversation conversation, Views.CellView cell) {
    String tag = cell.id().substring(5, 13);   // "cell-" and the start of its UUID, as the overflow file has
    List<McpSchema.Content> content = new ArrayList<>();
    StringBuilder notes = new StringBuilder();
    List<Image> images = digest.images();
    for (int i = 0; i < images.size(); i++) {
      Image image = images.get(i);
      String name = "image-" + tag + "-" + (i + 1) + "." + EXTENSIONS.getOrDefault(image.mimeType(), "bin");
      byte[] bytes = Base64.getMimeDecoder().decode(image.base64Data());
      save(conversation.workspace(), name, bytes);
      if (bytes.length <= limits.imageBytes()) {
        content.add(new McpSchema.ImageContent(null, image.base64Data(), image.mimeType()));
        notes.append("\n[").append(image.mimeType()).append(" shown below, also saved as ").append(name).append(']');
      } else {
        notes.append("\n[").append(image.mimeType()).append(" of ").append(bytes.length).append(" bytes, too large to show:"
            + " saved as ").append(name).append(']');
      }
    }
    String text = digest.text();
    if (text.length() > limits.textChars()) {
      String name = "output-" + tag + "-full.txt";
      save(conversation.workspace(), name, text.getBytes(StandardCharsets.UTF_8));
      text = OutputBudget.cut(text, limits.textChars(), "the whole output is the workspace file " + name);
    }
    String head = "[conversation " + conversation.id() + ", cell " + cell.executionCount() + ": " + cell.status() + "]\n";
    content.add(0, new McpSchema.TextContent(head + (text.isBlank() ? "(no output)" : text) + notes));
    boolean failed = !cell.status().equals("ok");
    return McpSchema.CallToolResult.builder().content(content).isError(failed).build();
  }

  private static void save(WorkspaceFiles workspace, String name, byte[] bytes) {
    workspace.save(name, WorkspaceFiles.Content.of(new ByteArrayInputStream(bytes)));
  }
}
