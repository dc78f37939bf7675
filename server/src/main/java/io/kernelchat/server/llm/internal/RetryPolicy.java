package io.kernelchat.server.llm.internal;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter that yields to the server's Retry-After when it sends one. */
final class RetryPolicy {
  private final int maxRetries;
  private final Duration baseDelay;
  private final Duration maxWait;

  RetryPolicy(int maxRetries, Duration baseDelay, Duration maxWait) {
    this.maxRetries = maxRetries;
    this.baseDelay = baseDelay;
    this.maxWait = maxWait;
  }

  /**
   * How long to wait before retry number {@code attempt + 1}, or null to give up: when retries are used
   * up, or when the server asks for a longer wait than we are willing to block a turn for.
   */
  Duration delayBeforeRetry(int attempt, String retryAfter) {
    if (attempt >= maxRetries) {
      return null;
    }
    Duration asked = parseRetryAfter(retryAfter);
    if (asked != null) {
      return asked.compareTo(maxWait) > 0 ? null : asked;
    }
    long base = baseDelay.toMillis() << attempt;
    long jitter = base == 0 ? 0 : ThreadLocalRandom.current().nextLong(base / 2 + 1);
    return Duration.ofMillis(base + jitter);
  }

  /** Seconds, an HTTP date, or our "ms:" form of OpenAI's retry-after-ms; null if absent or unreadable. */
  static Duration parseRetryAfter(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      if (value.startsWith("ms:")) {
        return Duration.ofMillis((long) Double.parseDouble(value.substring(3).trim()));
      }
      return Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime when = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration until = Duration.between(ZonedDateTime.now(when.getZone()), when);
        return until.isNegative() ? Duration.ZERO : until;
      } catch (RuntimeException notADate) {
        return null;
      }
    }
  }
}
