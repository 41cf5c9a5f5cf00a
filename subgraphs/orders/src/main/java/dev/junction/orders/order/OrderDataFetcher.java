package dev.junction.orders.order;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import dev.junction.subgraph.common.error.SubgraphException;
import dev.junction.subgraph.common.trust.Caller;
import dev.junction.subgraph.common.trust.OwnerCheck;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;

/**
 * {@code Query.order}, the {@code Order} entity and {@code Order.lines}. An order is read only by
 * its customer, an admin or a Junction service ({@link OwnerCheck}): anyone else gets null and
 * {@code FORBIDDEN} (or {@code UNAUTHENTICATED} when anonymous), through the root field and {@code
 * _entities} alike.
 */
@DgsComponent
public class OrderDataFetcher {

  /** {@code order(id)}: an unknown id gives {@code null} and a {@code NOT_FOUND} error. */
  @DgsQuery
  public CompletableFuture<Order> order(@InputArgument String id, DgsDataFetchingEnvironment dfe) {
    return load(id, dfe);
  }

  /**
   * Resolves {@code Order} representations through {@link OrderByIdLoader}, so that a batch of
   * representations costs one SELECT. An unknown id gives {@code null} at its index and a {@code
   * NOT_FOUND} error with the path {@code _entities/<index>}.
   */
  @DgsEntityFetcher(name = "Order")
  public CompletableFuture<Order> orderEntity(
      Map<String, Object> representation, DgsDataFetchingEnvironment dfe) {
    Object id = representation.get("id");
    if (!(id instanceof String s) || s.isBlank()) {
      throw SubgraphException.badInput("Order representation needs a non-empty string id");
    }
    return load(s, dfe);
  }

  /** {@code Order.lines}, batched through {@link OrderLinesLoader}. */
  @DgsData(parentType = "Order", field = "lines")
  public CompletableFuture<List<OrderLine>> lines(DgsDataFetchingEnvironment dfe) {
    Order order = dfe.getSource();
    DataLoader<String, List<OrderLine>> loader = dfe.getDataLoader(OrderLinesLoader.class);
    return loader.load(order.id());
  }

  private static CompletableFuture<Order> load(String id, DgsDataFetchingEnvironment dfe) {
    Caller caller = Caller.of(dfe);
    DataLoader<String, Order> loader = dfe.getDataLoader(OrderByIdLoader.class);
    return loader
        .load(id)
        .thenApply(
            order -> {
              if (order == null) {
                throw SubgraphException.notFound("No order with id " + id);
              }
              OwnerCheck.requireOwner(caller, order.customerId(), "order " + id);
              return order;
            });
  }
}
