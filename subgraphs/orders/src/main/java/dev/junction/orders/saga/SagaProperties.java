package dev.junction.orders.saga;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code junction.saga.*}: subgraph URLs, resilience and lease settings of the checkout saga.
 *
 * @param subgraphs the base URL of each participant ({@code accounts}, {@code catalog}, {@code
 *     inventory}, {@code payments}, {@code shipping}); GraphQL is posted to {@code <url>/graphql}
 * @param callTimeout the time-out of one remote call
 * @param maxAttempts the attempts of a remote call (first call plus retries) on transient failures
 * @param retryWait the wait between attempts
 * @param lease how long a claimed saga stays with its instance without progress
 * @param recoveryInterval how often expired sagas are looked for; zero disables the periodic run
 */
@ConfigurationProperties("junction.saga")
public record SagaProperties(
    Map<String, Subgraph> subgraphs,
    Duration callTimeout,
    Integer maxAttempts,
    Duration retryWait,
    Duration lease,
    Duration recoveryInterval) {

  public SagaProperties {
    subgraphs = subgraphs == null ? Map.of() : Map.copyOf(subgraphs);
    callTimeout = callTimeout == null ? Duration.ofSeconds(3) : callTimeout;
    maxAttempts = maxAttempts == null ? 3 : maxAttempts;
    retryWait = retryWait == null ? Duration.ofMillis(200) : retryWait;
    lease = lease == null ? Duration.ofSeconds(30) : lease;
    recoveryInterval = recoveryInterval == null ? Duration.ofSeconds(15) : recoveryInterval;
  }

  /** The URL of a participant, with its local default. */
  public String url(String name, int defaultPort) {
    Subgraph s = subgraphs.get(name);
    return s != null && s.url() != null ? s.url() : "http://localhost:" + defaultPort;
  }

  /** One participant subgraph. */
  public record Subgraph(String url) {}
}
