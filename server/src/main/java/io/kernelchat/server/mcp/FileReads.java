package io.kernelchat.server.mcp;

import io.kernelchat.server.conversation.WorkspaceFiles;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * {@code read_file}: an image whole as image content when it is small enough; anything else as text, a bounded
 * piece at a time from a byte offset, saying where the next piece starts. Files are read through the workspace's
 * no-follow handle, like downloads.
 */
final class FileReads {
  private static final Map<String, String> IMAGE_TYPES = Map.of("png", "image/png", "jpg", "image/jpeg",
      "jpeg", "image/jpeg", "gif", "image/gif", "webp", "image/webp");
  private final McpLimits limits;

  FileReads(McpLimits limits) {
    this.limits = limits;
  }

  McpSchema.CallToolResult read(WorkspaceFiles workspace, String name, long offset) {
    try (WorkspaceFiles.OpenFile file = workspace.open(name)) {
      String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
      String imageType = IMAGE_TYPES.get(extension);
      if (imageType != null && offset == 0 && file.size() <= limits.imageBytes()) {
        byte[] bytes = readAt(file, 0, (int) file.size());
        return McpSchema.CallToolResult.builder().addContent(new McpSchema.ImageContent(null,
            Base64.getEncoder().encodeToString(bytes), imageType)).build();
      }
      long start = Math.min(Math.max(0, offset), file.size());
      byte[] bytes = readAt(file, start, (int) Math.min(limits.textChars(), file.size() - start));
      for (byte b : bytes) {
        if (b == 0) {
          return text(name + " is a binary file of " + file.size() + " bytes; download it from the page or the API");
        }
      }
      long end = start + bytes.length;
      String where = end < file.size() ? "\n[bytes " + start + "-" + end + " of " + file.size()
          + "; read on with offset " + end + "]" : "";
      return text(new String(bytes, StandardCharsets.UTF_8) + where);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] readAt(WorkspaceFiles.OpenFile file, long position, int length) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(length);
    file.channel().position(position);
    while (buffer.hasRemaining() && file.channel().read(buffer) >= 0) {
      // reads until the piece is whole or the file ends
    }
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  private static McpSchema.CallToolResult text(String text) {
    return McpSchema.CallToolResult.builder().addTextContent(text).build();
  }
}
