package dev.junction.orders.order;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/**
 * Loads the lines of orders by order id: the lines of all orders requested in one dispatch cost one
 * SELECT. An order without lines (or an unknown order) maps to an empty list.
 */
@DgsDataLoader(name = "orderLines")
public class OrderLinesLoader implements MappedBatchLoader<String, List<OrderLine>> {
  private final OrderRepository orders;

  public OrderLinesLoader(OrderRepository orders) {
    this.orders = orders;
  }

  @Override
  public CompletionStage<Map<String, List<OrderLine>>> load(Set<String> orderIds) {
    return orders
        .findLinesByOrderIds(orderIds)
        .collectMultimap(OrderLine::orderId)
        .map(
            found -> {
              Map<String, List<OrderLine>> byOrder = new HashMap<>();
              for (String id : orderIds) {
                byOrder.put(id, List.copyOf(found.getOrDefault(id, new ArrayList<>())));
              }
              return byOrder;
            })
        .toFuture();
  }
}
