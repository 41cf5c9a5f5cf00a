package dev.junction.orders.events;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsSubscription;
import com.netflix.graphql.dgs.InputArgument;
import dev.junction.orders.order.Order;
import dev.junction.orders.order.OrderByIdLoader;
import dev.junction.subgraph.common.trust.Caller;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import org.reactivestreams.Publisher;

/** {@code Subscription.orderStatusChanged} and {@code OrderStatusEvent.order}. */
@DgsComponent
public class OrderStatusDataFetcher {
  private final OrderStatusStream stream;

  public OrderStatusDataFetcher(OrderStatusStream stream) {
    this.stream = stream;
  }

  /** See {@link OrderStatusStream#watch}; the owner check uses the end user of the connection. */
  @DgsSubscription
  public Publisher<OrderStatusEvent> orderStatusChanged(
      @InputArgument String orderId, DgsDataFetchingEnvironment dfe) {
    return stream.watch(orderId, Caller.of(dfe));
  }

  /**
   * {@code OrderStatusEvent.order}: the order as it is when the event is resolved. A subscription
   * keeps one DataLoader registry for all its events, so the loaders' caches are cleared first:
   * otherwise every event would show the order (its lines, its saga) as the first one loaded it.
   */
  @DgsData(parentType = "OrderStatusEvent", field = "order")
  public CompletableFuture<Order> order(DgsDataFetchingEnvironment dfe) {
    OrderStatusEvent event = dfe.getSource();
    dfe.getDataLoaderRegistry().getDataLoaders().forEach(DataLoader::clearAll);
    DataLoader<String, Order> loader = dfe.getDataLoader(OrderByIdLoader.class);
    return loader.load(event.orderId());
  }
}
