package io.kernelchat.server.agent;

/**
 * The person's answer to the model's code before it runs: run it ({@code code}: as written, or as the person
 * edited it) or not ({@code reason}: why, possibly empty).
 */
public record CodeReview(boolean approved, String code, String reason) {
  public static CodeReview asWritten(String code) {
    return new CodeReview(true, code, null);
  }

  public static CodeReview rejected(String reason) {
    return new CodeReview(false, null, reason == null ? "" : reason);
  }
}
