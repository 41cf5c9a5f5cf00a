package dev.junction.subgraph.common;

import dev.junction.subgraph.common.error.ErrorCodeInstrumentation;
import dev.junction.subgraph.common.error.SubgraphExceptionHandler;
import dev.junction.subgraph.common.error.SubscriptionErrors;
import dev.junction.subgraph.common.scalar.DecimalScalar;
import dev.junction.subgraph.common.trust.CallerAuthFilter;
import dev.junction.subgraph.common.trust.CallerContextInterceptor;
import dev.junction.subgraph.common.trust.SubgraphAuthProperties;
import dev.junction.subgraph.common.trust.SubgraphTrust;
import graphql.execution.DataFetcherExceptionHandler;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Wires the shared subgraph plumbing into every subgraph application. Runs before DGS's
 * auto-configuration so that DGS's default {@link DataFetcherExceptionHandler} backs off.
 *
 * <p>With {@code junction.subgraph-auth.secret} set, {@code /graphql} answers only calls with a
 * valid caller token ({@link CallerAuthFilter}); without it, calls are not authenticated and a WARN
 * at startup says so. The same check applies to the WebSocket handshake of subscriptions, and the
 * caller verified there serves every operation of the connection ({@link
 * CallerContextInterceptor}).
 */
@AutoConfiguration(
    beforeName =
        "com.netflix.graphql.dgs.springgraphql.autoconfig.DgsSpringGraphQLAutoConfiguration")
@EnableConfigurationProperties(SubgraphAuthProperties.class)
public class SubgraphCommonAutoConfiguration {
  private static final Logger log = LoggerFactory.getLogger(SubgraphCommonAutoConfiguration.class);

  @Bean
  public ErrorCodeInstrumentation errorCodeInstrumentation() {
    return new ErrorCodeInstrumentation();
  }

  @Bean
  public DecimalScalar decimalScalar() {
    return new DecimalScalar();
  }

  @Bean
  @ConditionalOnMissingBean(DataFetcherExceptionHandler.class)
  public SubgraphExceptionHandler subgraphExceptionHandler() {
    return new SubgraphExceptionHandler();
  }

  /** The caller credential settings (off without a secret, with a WARN). */
  @Bean
  public SubgraphTrust subgraphTrust(
      SubgraphAuthProperties props,
      @Value("${spring.application.name:subgraph}") String applicationName) {
    SubgraphTrust trust = SubgraphTrust.of(props, applicationName);
    if (!trust.enabled()) {
      log.warn(
          "junction.subgraph-auth.secret is not set: {} answers every caller without"
              + " authentication (internal mutations and every customer's data included)",
          trust.name());
    }
    return trust;
  }

  @Bean
  public CallerContextInterceptor callerContextInterceptor(SubgraphTrust trust) {
    return new CallerContextInterceptor(trust.enabled());
  }

  /** Refuses calls without a valid caller token (passes everything when no secret is set). */
  @Bean
  public CallerAuthFilter callerAuthFilter(SubgraphTrust trust) {
    return new CallerAuthFilter(trust.tokens().orElse(null), trust.name(), Clock.systemUTC());
  }

  /** Subscription failures with {@code extensions.code}, as for queries. */
  @Bean
  public SubscriptionErrors subscriptionErrors() {
    return new SubscriptionErrors();
  }
}
