package dev.junction.shipping.shipment;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataloader.MappedBatchLoader;

/**
 * Loads the shipment of orders by order id: all orders requested in one dispatch cost one SELECT.
 * An order without a shipment maps to {@code null}.
 */
@DgsDataLoader(name = "shipmentByOrder")
public class ShipmentByOrderLoader implements MappedBatchLoader<String, Shipment> {
  private final ShipmentRepository shipments;

  public ShipmentByOrderLoader(ShipmentRepository shipments) {
    this.shipments = shipments;
  }

  @Override
  public CompletionStage<Map<String, Shipment>> load(Set<String> orderIds) {
    return shipments
        .findByOrderIds(orderIds)
        .collect(Collectors.toMap(Shipment::orderId, Function.identity()))
        .toFuture();
  }
}
