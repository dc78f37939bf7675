package io.kernelchat.server.conversation;

/**
 * The title a conversation gets until someone renames it: "New conversation" at first, then the first line of
 * the first user message, short enough for the sidebar.
 */
final class ConversationTitle {
  static final String DEFAULT = "New conversation";
  static final int MAX_LENGTH = 60;

  private ConversationTitle() {
  }

  /** The first non-blank line of {@code text}, whitespace collapsed, cut at a word with an ellipsis if long. */
  static String fromMessage(String text) {
    String line = text.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse(DEFAULT);
    line = line.replaceAll("\\s+", " ");
    if (line.codePointCount(0, line.length()) <= MAX_LENGTH) {
      return line;
    }
    // Room for the ellipsis; never split a surrogate pair; prefer ending at a word if one ends late enough.
    String cut = line.substring(0, line.offsetByCodePoints(0, MAX_LENGTH - 1));
    int space = cut.lastIndexOf(' ');
    if (space >= MAX_LENGTH / 2) {
      cut = cut.substring(0, space);
    }
    return cut.stripTrailing() + "…";
  }
}
