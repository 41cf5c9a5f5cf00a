package dev.junction.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  private final RetryPolicy policy =
      new RetryPolicy(
          5, Duration.ofMillis(100), Duration.ofMillis(350), 0.5, Duration.ofSeconds(5));

  @Test
  void backoffDoublesUpToTheCap() {
    assertThat(policy.backoff(1, 0)).isEqualTo(Duration.ofMillis(100));
    assertThat(policy.backoff(2, 0)).isEqualTo(Duration.ofMillis(200));
    assertThat(policy.backoff(3, 0)).isEqualTo(Duration.ofMillis(350));
    assertThat(policy.backoff(30, 0)).isEqualTo(Duration.ofMillis(350));
  }

  @Test
  void jitterRemovesAtMostTheConfiguredFraction() {
    assertThat(policy.backoff(2, 0.999_999))
        .isBetween(Duration.ofMillis(100), Duration.ofMillis(101));
    assertThat(policy.backoff(2, 0.5)).isEqualTo(Duration.ofMillis(150));
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 1.5, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
