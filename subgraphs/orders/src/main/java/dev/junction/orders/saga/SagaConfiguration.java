package dev.junction.orders.saga;

import dev.junction.orders.order.OrderRepository;
import dev.junction.orders.saga.remote.GraphQlSagaParticipants;
import dev.junction.subgraph.common.trust.SubgraphTrust;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/** Wires the checkout saga. */
@Configuration
@EnableConfigurationProperties(SagaProperties.class)
public class SagaConfiguration {

  @Bean
  SagaParticipants sagaParticipants(SagaProperties props, SubgraphTrust trust) {
    return new GraphQlSagaParticipants(props, trust.credentials().orElse(null));
  }

  @Bean
  SagaOrchestrator sagaOrchestrator(
      SagaLog sagaLog,
      OrderRepository orders,
      SagaParticipants participants,
      SagaProperties props) {
    return new SagaOrchestrator(
        sagaLog, orders, participants, props, Clock.systemUTC(), CrashHook.NONE);
  }

  @Bean
  PlaceOrderService placeOrderService(
      DatabaseClient db,
      TransactionalOperator tx,
      OrderRepository orders,
      SagaLog sagaLog,
      SagaOrchestrator orchestrator) {
    return new PlaceOrderService(db, tx, orders, sagaLog, orchestrator);
  }

  @Bean
  SagaRecovery sagaRecovery(SagaOrchestrator orchestrator, SagaProperties props) {
    return new SagaRecovery(orchestrator, props);
  }
}
