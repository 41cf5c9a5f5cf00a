package dev.junction.payments.provider;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code junction.payments.provider.*}: where the payment provider is and how it is called.
 *
 * @param timeout the time-out of one call
 * @param maxAttempts attempts per operation (first call plus retries) on transient failures
 * @param retryWait the wait between attempts
 * @param failureRateThreshold the failure rate (percent) that opens the circuit breaker
 * @param openDuration how long the open circuit breaker rejects calls before probing
 */
@ConfigurationProperties("junction.payments.provider")
public record ProviderProperties(
    String url,
    Duration timeout,
    Integer maxAttempts,
    Duration retryWait,
    Integer failureRateThreshold,
    Duration openDuration) {

  public ProviderProperties {
    url = url == null ? "http://localhost:4015" : url;
    timeout = timeout == null ? Duration.ofSeconds(2) : timeout;
    maxAttempts = maxAttempts == null ? 3 : maxAttempts;
    retryWait = retryWait == null ? Duration.ofMillis(200) : retryWait;
    failureRateThreshold = failureRateThreshold == null ? 50 : failureRateThreshold;
    openDuration = openDuration == null ? Duration.ofSeconds(10) : openDuration;
  }
}
