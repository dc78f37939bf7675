package io.kernelchat.server.llm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kernelchat.server.llm.LlmException;
import java.util.Locale;

/** The single mapping from an HTTP failure to the exception the user sees. */
final class ProviderErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ProviderErrors() {}

  static LlmException fromStatus(int status, String body, ProviderEndpoint endpoint, String model) {
    ErrorBody error = ErrorBody.parse(body);
    String detail = error.message().isEmpty() ? "" : ": " + error.message();
    String where = endpoint.baseUrl();
    return switch (status) {
      case 401 -> new LlmException.Authentication("The API key was refused by " + where + " (HTTP 401)"
          + (endpoint.keyVariable() == null ? "" : "; check " + endpoint.keyVariable()) + detail);
      case 403 -> new LlmException.PermissionDenied("Access was denied by " + where + " (HTTP 403)" + detail);
      case 404 -> new LlmException.ModelNotFound("Model " + model + " not found at " + where + detail);
      case 429 -> error.isQuota()
          ? new LlmException.QuotaExceeded("The account at " + where + " has run out of quota (insufficient_quota)"
              + detail + "; check the plan and billing")
          : new LlmException.RateLimit("Rate limited by " + where + " (HTTP 429)" + detail);
      case 408, 409 -> new LlmException.ProviderUnavailable(where + " answered HTTP " + status + detail, null);
      default -> {
        if (status >= 500) {
          yield new LlmException.ProviderUnavailable(where + " failed with HTTP " + status + detail, null);
        }
        yield error.saysToolsUnsupported()
            ? new LlmException.ToolsNotSupported("Model " + model + " at " + where + " does not accept tools" + detail)
            : new LlmException.BadRequest(where + " rejected the request (HTTP " + status + ")" + detail);
      }
    };
  }

  /** An error object sent inside a stream (OpenAI-compatible servers and Anthropic both do this). */
  static LlmException fromStreamError(String json, ProviderEndpoint endpoint) {
    ErrorBody error = ErrorBody.parse(json);
    String message = endpoint.baseUrl() + " reported an error mid-stream: "
        + (error.message().isEmpty() ? json : error.message());
    return error.code().contains("overloaded") || error.code().contains("server")
        ? new LlmException.ProviderUnavailable(message, null)
        : new LlmException.StreamInterrupted(message, null);
  }

  /** The fields of OpenAI ({error:{message,code,type}}), Anthropic ({error:{type,message}}) and Ollama ({error:"..."}) errors. */
  private record ErrorBody(String message, String code) {
    static ErrorBody parse(String body) {
      if (body == null || body.isBlank()) {
        return new ErrorBody("", "");
      }
      try {
        JsonNode error = JSON.readTree(body).path("error");
        if (error.isTextual()) {
          return new ErrorBody(error.asText(), "");
        }
        String code = error.path("code").asText("") + " " + error.path("type").asText("");
        return new ErrorBody(error.path("message").asText(""), code.trim());
      } catch (Exception notJson) {
        String text = body.strip();
        return new ErrorBody(text.length() > 300 ? text.substring(0, 300) + "…" : text, "");
      }
    }

    boolean isQuota() {
      return code.contains("insufficient_quota");
    }

    boolean saysToolsUnsupported() {
      String text = (message + " " + code).toLowerCase(Locale.ROOT);
      return text.contains("tool") && (text.contains("not support") || text.contains("unsupported")
          || text.contains("does not support") || text.contains("not enabled"));
    }
  }
}
