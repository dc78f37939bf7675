package io.kernelchat.server.conversation;

import java.util.Locale;

/** Whether the model's code runs at once ({@code auto}) or waits for the person to approve it ({@code ask}). */
public enum ApprovalMode {
  AUTO, ASK;

  /** As the API and {@code --approval} spell it. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** {@code auto} or {@code ask}; anything else is an IllegalArgumentException naming {@code what}. */
  public static ApprovalMode parse(String what, String text) {
    for (ApprovalMode mode : values()) {
      if (mode.wireName().equals(text)) {
        return mode;
      }
    }
    throw new IllegalArgumentException(what + " must be auto or ask, not '" + text + "'");
  }
}
