package dev.junction.shipping;

import dev.junction.subgraph.common.error.SubgraphExceptionHandler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Registers the shared {@link SubgraphExceptionHandler} as an application bean (declared with its
 * own type, so that the common auto-configuration's {@code @ConditionalOnMissingBean} sees it). The
 * common auto-configuration registers it too, but after DGS has already added its own default
 * handler, so the context would hold two candidates; declared here, both auto-configured ones back
 * off.
 */
@Configuration(proxyBeanMethods = false)
class ErrorHandlingConfig {

  @Bean
  SubgraphExceptionHandler shippingExceptionHandler() {
    return new SubgraphExceptionHandler();
  }
}
