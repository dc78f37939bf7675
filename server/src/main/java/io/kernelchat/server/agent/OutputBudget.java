package io.kernelchat.server.agent;

/** Cuts long output to a budget, keeping the head and the tail (where errors usually are). */
public final class OutputBudget {
  private OutputBudget() {}

  static String cut(String text, int budget) {
    return cut(text, budget, "the user sees the full output");
  }

  /** {@code whereTheRestIs} ends the note that replaces the middle, e.g. which file holds the whole text. */
  public static String cut(String text, int budget, String whereTheRestIs) {
    if (text.length() <= budget) {
      return text;
    }
    int head = budget / 2;
    int tail = budget - head;
    int cut = text.length() - head - tail;
    return text.substring(0, head) + "\n[... " + cut + " characters cut; " + whereTheRestIs + " ...]\n"
        + text.substring(text.length() - tail);
  }
}
