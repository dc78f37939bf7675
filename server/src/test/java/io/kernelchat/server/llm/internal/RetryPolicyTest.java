package io.kernelchat.server.llm.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy = new RetryPolicy(2, Duration.ofMillis(100), Duration.ofSeconds(30));

  @Test
  void backsOffExponentiallyWithJitterAndGivesUpAfterTwoRetries() {
    for (int i = 0; i < 20; i++) {
      assertThat(policy.delayBeforeRetry(0, null)).isBetween(Duration.ofMillis(100), Duration.ofMillis(150));
      assertThat(policy.delayBeforeRetry(1, null)).isBetween(Duration.ofMillis(200), Duration.ofMillis(300));
    }
    assertThat(policy.delayBeforeRetry(2, null)).isNull();
  }

  @Test
  void retryAfterInSecondsMillisecondsOrAsADateIsHonoured() {
    assertThat(policy.delayBeforeRetry(0, "3")).isEqualTo(Duration.ofSeconds(3));
    assertThat(policy.delayBeforeRetry(0, "ms:1500")).isEqualTo(Duration.ofMillis(1500));
    String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
    assertThat(policy.delayBeforeRetry(0, inTenSeconds)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(11));
  }

  @Test
  void aRetryAfterLongerThanTheMaximumWaitIsNotRetriedAndGarbageFallsBackToBackoff() {
    assertThat(policy.delayBeforeRetry(0, "3600")).isNull();
    assertThat(policy.delayBeforeRetry(0, "soon")).isBetween(Duration.ofMillis(100), Duration.ofMillis(150));
  }
}
