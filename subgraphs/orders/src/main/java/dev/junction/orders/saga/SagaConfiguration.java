package dev.junction.orders.saga;

import dev.junction.orders.events.OrderStatusEvent;
import dev.junction.orders.events.OrderStatusEvents;
import dev.junction.orders.order.OrderRepository;
import dev.junction.orders.saga.remote.GraphQlSagaParticipants;
import dev.junction.subgraph.common.events.InProcessEventHub;
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

  /** The saga's state changes by order, in process (Kafka later). */
  @Bean
  InProcessEventHub<OrderStatusEvent> orderStatusHub() {
    return new InProcessEventHub<>();
  }

  /** Where the saga reports its state changes for {@code orderStatusChanged}. */
  @Bean
  OrderStatusEvents orderStatusEvents(InProcessEventHub<OrderStatusEvent> hub) {
    return new OrderStatusEvents(hub);
  }

  @Bean
  SagaOrchestrator sagaOrchestrator(
      SagaLog sagaLog,
      OrderRepository orders,
      SagaParticipants participants,
      SagaProperties props,
      OrderStatusEvents events) {
    return new SagaOrchestrator(
        sagaLog, orders, participants, props, Clock.systemUTC(), CrashHook.NONE, events);
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
