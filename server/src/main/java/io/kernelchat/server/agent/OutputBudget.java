package io.kernelchat.server.agent;

/** Cuts long output to a budget, keeping the head and the tail (where errors usually are). */
final class OutputBudget {
  private OutputBudget() {}

  static String cut(String text, int budget) {
    if (text.length() <= budget) {
      return text;
    }
    int head = budget / 2;
    int tail = budget - head;
    int cut = text.length() - head - tail;
    return text.substring(0, head) + "\n[... " + cut + " characters cut; the user sees the full output ...]\n"
        + text.substring(text.length() - tail);
  }
}
