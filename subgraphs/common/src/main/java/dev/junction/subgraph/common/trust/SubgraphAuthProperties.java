package dev.junction.subgraph.common.trust;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code junction.subgraph-auth.*}: the caller credential this subgraph requires.
 *
 * @param secret the secret shared with the gateway and the orders saga (at least 32 bytes); unset
 *     or empty: calls are not authenticated (a WARN at startup says so)
 * @param audience this subgraph's name in caller tokens ({@code aud}); default {@code
 *     spring.application.name}
 */
@ConfigurationProperties("junction.subgraph-auth")
public record SubgraphAuthProperties(String secret, String audience) {
  /** Whether calls must carry a caller token. */
  public boolean enabled() {
    return secret != null && !secret.isBlank();
  }
}
