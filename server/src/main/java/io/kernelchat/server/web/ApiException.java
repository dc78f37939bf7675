package io.kernelchat.server.web;

/**
 * The one error a handler throws. Rendered once, by {@link WebServer}, as {@code {"code","message"}} with
 * {@code status}; codes read like {@code not_found:conversation}.
 */
public final class ApiException extends RuntimeException {
  private final int status;
  private final String code;

  public ApiException(int status, String code, String message) {
    super(message);
    this.status = status;
    this.code = code;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public static ApiException badRequest(String what, String message) {
    return new ApiException(400, "bad_request:" + what, message);
  }

  public static ApiException notFound(String what, String message) {
    return new ApiException(404, "not_found:" + what, message);
  }

  public static ApiException forbidden(String what, String message) {
    return new ApiException(403, "forbidden:" + what, message);
  }

  public static ApiException unauthorized() {
    return new ApiException(401, "unauthorized",
        "this needs the kernelchat token: open the URL the server printed, or send Authorization: Bearer <token>");
  }
}
