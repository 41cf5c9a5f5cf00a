package dev.junction.orders.checkout;

import com.netflix.graphql.dgs.DgsDataLoader;
import dev.junction.orders.saga.Saga;
import dev.junction.orders.saga.SagaLog;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataloader.MappedBatchLoader;

/** Loads the sagas of orders: all orders of one dispatch cost two SELECTs (sagas, steps). */
@DgsDataLoader(name = "sagaByOrder")
public class SagaLoader implements MappedBatchLoader<String, Saga> {
  private final SagaLog sagaLog;

  public SagaLoader(SagaLog sagaLog) {
    this.sagaLog = sagaLog;
  }

  @Override
  public CompletionStage<Map<String, Saga>> load(Set<String> orderIds) {
    return sagaLog
        .loadAll(List.copyOf(orderIds))
        .collect(Collectors.toMap(Saga::orderId, Function.identity()))
        .toFuture();
  }
}
