package dev.junction.shipping.shipment;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import dev.junction.subgraph.common.error.SubgraphException;
import dev.junction.subgraph.common.trust.OwnerCheck;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;

/**
 * {@code Query.shipment}, the {@code Shipment} and {@code Order} entities, {@code Order.shipment}.
 */
@DgsComponent
public class ShipmentDataFetcher {
  private final ShipmentService service;

  public ShipmentDataFetcher(ShipmentService service) {
    this.service = service;
  }

  /** {@code createShipment(orderId, address)} (internal, for the checkout saga). */
  @DgsMutation
  public CompletableFuture<Shipment> createShipment(
      @InputArgument String orderId,
      @InputArgument String address,
      DgsDataFetchingEnvironment env) {
    OwnerCheck.requireService(env, "createShipment");
    return service.create(orderId, address).toFuture();
  }

  /** {@code cancelShipment(orderId)} (internal, for the checkout saga). */
  @DgsMutation
  public CompletableFuture<Shipment> cancelShipment(
      @InputArgument String orderId, DgsDataFetchingEnvironment env) {
    OwnerCheck.requireService(env, "cancelShipment");
    return service.cancel(orderId).toFuture();
  }

  /** {@code shipment(id)}: an unknown id gives {@code null} and a {@code NOT_FOUND} error. */
  @DgsQuery
  public CompletableFuture<Shipment> shipment(
      @InputArgument String id, DgsDataFetchingEnvironment dfe) {
    return load(id, dfe);
  }

  /**
   * Resolves {@code Shipment} representations through {@link ShipmentByIdLoader} (one SELECT per
   * batch); an unknown id gives {@code null} at its index and a {@code NOT_FOUND} error.
   */
  @DgsEntityFetcher(name = "Shipment")
  public CompletableFuture<Shipment> shipmentEntity(
      Map<String, Object> representation, DgsDataFetchingEnvironment dfe) {
    return load(requireId("Shipment", representation), dfe);
  }

  /**
   * Resolves an {@code Order} representation without a lookup: shipping does not know which orders
   * exist, only which have a shipment ({@code Order.shipment}, {@code null} for the others).
   */
  @DgsEntityFetcher(name = "Order")
  public Order orderEntity(Map<String, Object> representation) {
    return new Order(requireId("Order", representation));
  }

  /** {@code Order.shipment}, batched through {@link ShipmentByOrderLoader}. */
  @DgsData(parentType = "Order", field = "shipment")
  public CompletableFuture<Shipment> orderShipment(DgsDataFetchingEnvironment dfe) {
    Order order = dfe.getSource();
    DataLoader<String, Shipment> loader = dfe.getDataLoader(ShipmentByOrderLoader.class);
    return loader.load(order.id());
  }

  private static CompletableFuture<Shipment> load(String id, DgsDataFetchingEnvironment dfe) {
    DataLoader<String, Shipment> loader = dfe.getDataLoader(ShipmentByIdLoader.class);
    return loader
        .load(id)
        .thenApply(
            shipment -> {
              if (shipment == null) {
                throw SubgraphException.notFound("No shipment with id " + id);
              }
              return shipment;
            });
  }

  private static String requireId(String type, Map<String, Object> representation) {
    Object id = representation.get("id");
    if (!(id instanceof String s) || s.isBlank()) {
      throw SubgraphException.badInput(type + " representation needs a non-empty string id");
    }
    return s;
  }
}
