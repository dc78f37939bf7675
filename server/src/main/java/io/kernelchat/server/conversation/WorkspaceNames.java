package io.kernelchat.server.conversation;

import java.util.List;
import java.util.Set;

/** What a file name of a workspace may be, wherever the workspace lives, and the errors that say it is not one. */
final class WorkspaceNames {
  /** Kernelchat's own files in the workspace (partial uploads); hidden from listings. */
  static final String PRIVATE_DIR = ".kernelchat";
  static final Set<String> NOT_LISTED = Set.of(PRIVATE_DIR, ".ipynb_checkpoints", "__pycache__");
  static final int MAX_LISTED = 10_000;

  private WorkspaceNames() {}

  /**
   * The parts of a name from a user or a URL; bad_request:filename unless it is a relative name without {@code ..},
   * backslashes or NUL, outside kernelchat's own directory.
   */
  static List<String> components(String name) {
    if (name == null || name.isBlank() || name.length() > 1024 || name.indexOf('\0') >= 0 || name.contains("\\")
        || name.startsWith("/")) {
      throw invalid(name);
    }
    List<String> parts = List.of(name.split("/", -1));
    for (String part : parts) {
      if (part.isEmpty() || part.equals(".") || part.equals("..") || part.equals(PRIVATE_DIR)) {
        throw invalid(name);
      }
    }
    return parts;
  }

  static ConversationException notFound(String name) {
    return ConversationException.notFound("file", "no file named " + name + " in this conversation");
  }

  static ConversationException invalid(String name) {
    return ConversationException.badRequest("filename",
        "not a file name inside the workspace: " + (name == null ? "(none)" : name.replace("\0", "\\0")));
  }
}
