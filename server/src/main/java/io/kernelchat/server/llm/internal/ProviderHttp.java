package io.kernelchat.server.llm.internal;

import io.kernelchat.server.llm.LlmException;
import io.kernelchat.server.llm.LlmSettings;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP calls to a provider. We speak the wire formats ourselves with java.net.http rather than through
 * LangChain4j because its exceptions keep only the status code and body (dev.langchain4j.exception.
 * HttpException): the Retry-After header we must honour is lost, and its own retry cannot tell
 * {@code insufficient_quota} apart from a passing 429.
 */
public final class ProviderHttp {
  private static final Logger LOG = LoggerFactory.getLogger(ProviderHttp.class);
  private final HttpClient client;
  private final LlmSettings settings;
  private final RetryPolicy retries;

  public ProviderHttp(LlmSettings settings) {
    this.settings = settings;
    this.client = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
        .version(HttpClient.Version.HTTP_1_1).build();
    this.retries = new RetryPolicy(settings.maxRetries(), settings.retryBaseDelay(), settings.maxRetryWait());
  }

  /**
   * POSTs {@code json} and returns the response's event stream once the status is 2xx. Retriable
   * failures are retried here, before any of the reply has been read, so nothing is ever seen twice.
   */
  SseEvents postForEvents(ProviderEndpoint endpoint, URI uri, String json, String model, BooleanSupplier cancelled) {
    for (int attempt = 0; ; attempt++) {
      HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.idleTimeout())
          .header("Content-Type", "application/json").header("Accept", "text/event-stream")
          .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
      endpoint.headers().forEach(request::header);
      String retryAfter = null;
      LlmException failure;
      try {
        HttpResponse<InputStream> response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() / 100 == 2) {
          return new SseEvents(response.body(), settings.idleTimeout(), cancelled);
        }
        String body;
        try (InputStream in = response.body()) {
          body = new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8);
        }
        failure = ProviderErrors.fromStatus(response.statusCode(), body, endpoint, model);
        retryAfter = response.headers().firstValue("retry-after-ms").map(ms -> "ms:" + ms)
            .or(() -> response.headers().firstValue("retry-after")).orElse(null);
      } catch (IOException e) {
        failure = new LlmException.ProviderUnavailable("Could not reach " + endpoint.baseUrl() + " ("
            + describe(e) + "); is the server running and the URL right?", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new LlmException.Cancelled();
      }
      Duration wait = failure.retriable() ? retries.delayBeforeRetry(attempt, retryAfter) : null;
      if (wait == null) {
        throw failure;
      }
      // The endpoint prints as provider and URL only; messages never hold keys.
      LOG.info("Retrying {} in {} ms after: {}", endpoint, wait.toMillis(), failure.getMessage());
      sleep(wait, cancelled);
    }
  }

  /** A GET for small JSON documents such as model lists; null when the call fails in any way. */
  String getOrNull(ProviderEndpoint endpoint, URI uri, Duration timeout) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    endpoint.headers().forEach(request::header);
    try {
      // The request timeout also bounds connecting, so probing a port with nothing behind it stays quick.
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : null;
    } catch (IOException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  private static String describe(IOException e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  private static void sleep(Duration wait, BooleanSupplier cancelled) {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (System.nanoTime() < deadline) {
        if (cancelled.getAsBoolean()) {
          throw new LlmException.Cancelled();
        }
        Thread.sleep(Math.max(1, Math.min(50, (deadline - System.nanoTime()) / 1_000_000)));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LlmException.Cancelled();
    }
  }
}
