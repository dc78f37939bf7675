package io.kernelchat.server.agent;

import io.kernelchat.server.llm.UserMessage;

/**
 * Context added on the user's behalf (e.g. "file data.csv was uploaded; columns: ...") enters the history
 * as a user message marked as such, since providers have no role for it.
 */
public final class InjectedContext {
  static final String PREFIX = "[Context from the app, not typed by the user]\n";

  private InjectedContext() {}

  public static UserMessage message(String text) {
    return new UserMessage(PREFIX + text);
  }

  public static boolean isContext(UserMessage message) {
    return message.text().startsWith(PREFIX);
  }
}
