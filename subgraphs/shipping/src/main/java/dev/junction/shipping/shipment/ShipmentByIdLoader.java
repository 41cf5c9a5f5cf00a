package dev.junction.shipping.shipment;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataloader.MappedBatchLoader;

/** Loads shipments by id: all ids requested in one dispatch cost one SELECT. */
@DgsDataLoader(name = "shipmentById")
public class ShipmentByIdLoader implements MappedBatchLoader<String, Shipment> {
  private final ShipmentRepository shipments;

  public ShipmentByIdLoader(ShipmentRepository shipments) {
    this.shipments = shipments;
  }

  @Override
  public CompletionStage<Map<String, Shipment>> load(Set<String> ids) {
    return shipments
        .findByIds(ids)
        .collect(Collectors.toMap(Shipment::id, Function.identity()))
        .toFuture();
  }
}
