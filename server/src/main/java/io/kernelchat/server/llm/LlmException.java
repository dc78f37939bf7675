package io.kernelchat.server.llm;

/**
 * Every failure of the model layer. The message is meant for the user and never contains an API key.
 * {@link #retriable()} tells the retry loop whether another attempt may succeed; {@link #code()} is a
 * stable short name for APIs and tests.
 */
public abstract class LlmException extends RuntimeException {
  protected LlmException(String message, Throwable cause) {
    super(message, cause);
  }

  public abstract String code();

  public boolean retriable() {
    return false;
  }

  /** The provider refused the API key (401). */
  public static final class Authentication extends LlmException {
    public Authentication(String message) {
      super(message, null);
    }

    @Override public String code() {
      return "authentication";
    }
  }

  /** The provider forbade the call (403). */
  public static final class PermissionDenied extends LlmException {
    public PermissionDenied(String message) {
      super(message, null);
    }

    @Override public String code() {
      return "permission_denied";
    }
  }

  /** The model does not exist at the provider, or is not in the registry. */
  public static final class ModelNotFound extends LlmException {
    public ModelNotFound(String message) {
      super(message, null);
    }

    @Override public String code() {
      return "model_not_found";
    }
  }

  /** Too many requests (429); retriable. */
  public static final class RateLimit extends LlmException {
    public RateLimit(String message) {
      super(message, null);
    }

    @Override public String code() {
      return "rate_limit";
    }

    @Override public boolean retriable() {
      return true;
    }
  }

  /** A 429 whose code says the account has no quota left: waiting does not help. */
  public static final class QuotaExceeded extends LlmException {
    public QuotaExceeded(String message) {
      super(message, null);
    }

    @Override public String code() {
      return "quota_exceeded";
    }
  }

  /** The provider rejected the request (400 and other 4xx not covered above). */
  public static class BadRequest extends LlmException {
    public BadRequest(String message) {
      super(message, null);
    }

    @Override public String code() {
      return "bad_request";
    }
  }

  /** A 400 saying the model cannot call tools; the agent falls back to fenced code blocks. */
  public static final class ToolsNotSupported extends BadRequest {
    public ToolsNotSupported(String message) {
      super(message);
    }

    @Override public String code() {
      return "tools_not_supported";
    }
  }

  /** Connection failures, 408, 409 and 5xx; retriable. */
  public static final class ProviderUnavailable extends LlmException {
    public ProviderUnavailable(String message, Throwable cause) {
      super(message, cause);
    }

    @Override public String code() {
      return "provider_unavailable";
    }

    @Override public boolean retriable() {
      return true;
    }
  }

  /** The stream ended early or went silent; whatever it had started is discarded. */
  public static final class StreamInterrupted extends LlmException {
    public StreamInterrupted(String message, Throwable cause) {
      super(message, cause);
    }

    @Override public String code() {
      return "stream_interrupted";
    }
  }

  /** The caller stopped the call. */
  public static final class Cancelled extends LlmException {
    public Cancelled() {
      super("stopped by the user", null);
    }

    @Override public String code() {
      return "cancelled";
    }
  }

  /** No provider is configured and none was found on this machine. */
  public static final class NoModelConfigured extends LlmException {
    public NoModelConfigured(String message) {
      super(message, null);
    }

    @Override public String code() {
      return "no_model_configured";
    }
  }
}
