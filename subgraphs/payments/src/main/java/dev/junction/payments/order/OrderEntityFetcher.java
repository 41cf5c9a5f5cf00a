package dev.junction.payments.order;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import dev.junction.subgraph.common.error.SubgraphException;
import java.util.Map;

/**
 * Resolves {@code Order} representations of the orders subgraph. Payments does not own orders: a
 * representation becomes a reference whose {@code payment} field is batched by order id.
 */
@DgsComponent
public class OrderEntityFetcher {

  @DgsEntityFetcher(name = "Order")
  public Order order(Map<String, Object> representation) {
    if (!(representation.get("id") instanceof String id) || id.isBlank()) {
      throw SubgraphException.badInput("Order representation needs an id");
    }
    return new Order(id);
  }
}
