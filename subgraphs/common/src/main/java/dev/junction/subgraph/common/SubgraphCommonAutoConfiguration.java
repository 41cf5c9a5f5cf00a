package dev.junction.subgraph.common;

import dev.junction.subgraph.common.error.ErrorCodeInstrumentation;
import dev.junction.subgraph.common.error.SubgraphExceptionHandler;
import dev.junction.subgraph.common.scalar.DecimalScalar;
import graphql.execution.DataFetcherExceptionHandler;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Wires the shared subgraph plumbing into every subgraph application. Runs before DGS's
 * auto-configuration so that DGS's default {@link DataFetcherExceptionHandler} backs off.
 */
@AutoConfiguration(
    beforeName =
        "com.netflix.graphql.dgs.springgraphql.autoconfig.DgsSpringGraphQLAutoConfiguration")
public class SubgraphCommonAutoConfiguration {

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
}
