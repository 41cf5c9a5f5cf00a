package dev.junction.orders.order;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataloader.MappedBatchLoader;

/** Loads orders by id: all ids requested in one dispatch cost one SELECT. */
@DgsDataLoader(name = "orderById")
public class OrderByIdLoader implements MappedBatchLoader<String, Order> {
  private final OrderRepository orders;

  public OrderByIdLoader(OrderRepository orders) {
    this.orders = orders;
  }

  @Override
  public CompletionStage<Map<String, Order>> load(Set<String> ids) {
    return orders
        .findByIds(ids)
        .collect(Collectors.toMap(Order::id, Function.identity()))
        .toFuture();
  }
}
