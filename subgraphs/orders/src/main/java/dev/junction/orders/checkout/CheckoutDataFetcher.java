package dev.junction.orders.checkout;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import dev.junction.orders.order.Order;
import dev.junction.orders.order.OrderRepository;
import dev.junction.orders.saga.PlaceOrderCommand;
import dev.junction.orders.saga.PlaceOrderFailure;
import dev.junction.orders.saga.PlaceOrderService;
import dev.junction.orders.saga.Saga;
import dev.junction.orders.saga.SagaOrchestrator;
import dev.junction.subgraph.common.error.SubgraphException;
import dev.junction.subgraph.common.trust.Caller;
import dev.junction.subgraph.common.trust.OwnerCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

/** {@code placeOrder}, {@code cancelOrder} and {@code Order.saga}. */
@DgsComponent
public class CheckoutDataFetcher {
  private final PlaceOrderService placeOrder;
  private final SagaOrchestrator orchestrator;
  private final OrderRepository orders;

  public CheckoutDataFetcher(
      PlaceOrderService placeOrder, SagaOrchestrator orchestrator, OrderRepository orders) {
    this.placeOrder = placeOrder;
    this.orchestrator = orchestrator;
    this.orders = orders;
  }

  /**
   * {@code placeOrder(input, idempotencyKey)}: the order with its saga, a domain error, or (for
   * anything unexpected, never a bare null) a {@link PlaceOrderFailure} that the client sees as a
   * generic {@code INTERNAL_SERVER_ERROR}.
   */
  @DgsMutation
  public CompletableFuture<Order> placeOrder(
      @InputArgument("input") Map<String, Object> input,
      @InputArgument String idempotencyKey,
      DgsDataFetchingEnvironment dfe) {
    Caller caller = Caller.of(dfe);
    return Mono.fromSupplier(() -> toCommand(input))
        .doOnNext(
            cmd ->
                OwnerCheck.requireOwner(
                    caller, cmd.customerId(), "orders of customer " + cmd.customerId()))
        .flatMap(cmd -> placeOrder.place(cmd, idempotencyKey))
        .flatMap(
            id ->
                find(id)
                    .switchIfEmpty(
                        Mono.error(
                            () ->
                                new PlaceOrderFailure(
                                    idempotencyKey,
                                    id,
                                    "the order is missing after its saga",
                                    null))))
        .switchIfEmpty(
            Mono.error(
                () -> new PlaceOrderFailure(idempotencyKey, null, "no order was placed", null)))
        // the saga's calls carry the end user who placed the order
        .contextWrite(caller.context())
        .toFuture();
  }

  /** {@code cancelOrder(id)}: only by the order's customer, an admin or a Junction service. */
  @DgsMutation
  public CompletableFuture<Order> cancelOrder(
      @InputArgument String id, DgsDataFetchingEnvironment dfe) {
    Caller caller = Caller.of(dfe);
    return order(id)
        .doOnNext(o -> OwnerCheck.requireOwner(caller, o.customerId(), "order " + id))
        .then(Mono.defer(() -> orchestrator.cancel(id)))
        .then(Mono.defer(() -> order(id)))
        .contextWrite(caller.context())
        .toFuture();
  }

  /** {@code Order.saga}, batched through {@link SagaLoader}. */
  @DgsData(parentType = "Order", field = "saga")
  public CompletableFuture<Saga> saga(DgsDataFetchingEnvironment dfe) {
    Order order = dfe.getSource();
    DataLoader<String, Saga> loader = dfe.getDataLoader(SagaLoader.class);
    return loader.load(order.id());
  }

  private Mono<Order> order(String id) {
    return find(id)
        .switchIfEmpty(Mono.error(() -> SubgraphException.notFound("No order with id " + id)));
  }

  private Mono<Order> find(String id) {
    return orders.findByIds(List.of(id)).next();
  }

  private static PlaceOrderCommand toCommand(Map<String, Object> input) {
    List<Saga.RequestedLine> lines = new ArrayList<>();
    if (input.get("lines") instanceof List<?> raw) {
      for (Object o : raw) {
        Map<?, ?> line = (Map<?, ?>) o;
        lines.add(
            new Saga.RequestedLine(
                (String) line.get("productId"), ((Number) line.get("quantity")).intValue()));
      }
    }
    return new PlaceOrderCommand(
        (String) input.get("customerId"),
        lines,
        (String) input.get("shippingAddress"),
        (String) input.get("paymentMethod"));
  }
}
