package io.kernelchat.server.conversation;

import io.kernelchat.server.agent.KernelLanguage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * The context message that tells the model about an upload: where it is, how big, how the kernel's language
 * reads it (CSV, Excel), and for text-like data a few lines, so it can pick the right reader without spending a
 * cell on looking.
 */
final class UploadPreview {
  private static final Set<String> TEXT = Set.of("csv", "tsv", "txt", "json", "jsonl", "md", "log", "xml", "yaml",
      "yml", "py", "sql", "html");
  private static final int MAX_LINES = 8;
  private static final int MAX_CHARS = 2_000;

  private UploadPreview() {}

  static String describe(WorkspaceFiles workspace, FileInfo info, KernelLanguage language) {
    StringBuilder text = new StringBuilder("The user uploaded ").append(info.name()).append(" (")
        .append(humanSize(info.size())).append(") to the working directory.");
    String name = info.name().toLowerCase(Locale.ROOT);
    String ext = name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : "";
    language.howToRead(info.name(), ext).ifPresent(how -> text.append(" Read it in ").append(language.prose())
        .append(" with ").append(how).append("."));
    if (TEXT.contains(ext)) {
      String head = head(workspace, info.name());
      if (head != null) {
        text.append(" Its first lines:\n```\n").append(head).append("\n```");
      }
    }
    return text.toString();
  }

  private static String head(WorkspaceFiles workspace, String name) {
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT);
    try (WorkspaceFiles.OpenFile file = workspace.open(name);
         BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(file.channel()), decoder))) {
      StringBuilder out = new StringBuilder();
      String line;
      for (int i = 0; i < MAX_LINES && (line = in.readLine()) != null && out.length() < MAX_CHARS; i++) {
        out.append(i == 0 ? "" : "\n").append(line.length() > 300 ? line.substring(0, 300) + "…" : line);
      }
      return out.toString();
    } catch (CharacterCodingException e) {
      return null;   // not UTF-8 text after all
    } catch (IOException | ConversationException e) {
      return null;   // unreadable, or gone (or swapped for a symlink) since the upload
    }
  }

  static String humanSize(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    String[] units = {"KB", "MB", "GB", "TB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
