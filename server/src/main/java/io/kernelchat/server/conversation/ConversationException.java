package io.kernelchat.server.conversation;

/**
 * Something a caller asked for cannot be done. {@code code} is the API's error code
 * ({@code not_found:conversation}, {@code conflict:turn_running}, ...); its prefix says which kind.
 */
public final class ConversationException extends RuntimeException {
  private final String code;

  public ConversationException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String code() {
    return code;
  }

  static ConversationException notFound(String what, String message) {
    return new ConversationException("not_found:" + what, message);
  }

  static ConversationException badRequest(String what, String message) {
    return new ConversationException("bad_request:" + what, message);
  }
}
