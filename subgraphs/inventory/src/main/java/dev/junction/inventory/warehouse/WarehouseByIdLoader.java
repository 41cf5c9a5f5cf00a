package dev.junction.inventory.warehouse;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataloader.MappedBatchLoader;

/** Loads warehouses by id, one SELECT per batch; unknown ids are absent from the result. */
@DgsDataLoader(name = WarehouseByIdLoader.NAME)
public class WarehouseByIdLoader implements MappedBatchLoader<String, Warehouse> {
  /** The DataLoader's registry name. */
  public static final String NAME = "warehousesById";

  private final WarehouseRepository warehouses;

  public WarehouseByIdLoader(WarehouseRepository warehouses) {
    this.warehouses = warehouses;
  }

  @Override
  public CompletionStage<Map<String, Warehouse>> load(Set<String> ids) {
    return warehouses
        .findAllById(ids)
        .collect(Collectors.toMap(Warehouse::id, Function.identity()))
        .toFuture();
  }
}
