package dev.junction.inventory.warehouse;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import dev.junction.subgraph.common.error.SubgraphException;
import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;

/** The warehouse queries and the {@code Warehouse} entity resolution. */
@DgsComponent
public class WarehouseDataFetcher {
  private final WarehouseRepository warehouses;

  public WarehouseDataFetcher(WarehouseRepository warehouses) {
    this.warehouses = warehouses;
  }

  /** {@code warehouses}: all warehouses ordered by id. */
  @DgsQuery
  public CompletableFuture<List<Warehouse>> warehouses() {
    return warehouses.findAll().collectList().toFuture();
  }

  /** {@code warehouse(id)}: the warehouse, or null with {@code NOT_FOUND}. */
  @DgsQuery
  public CompletableFuture<Warehouse> warehouse(
      @InputArgument String id, DataFetchingEnvironment dfe) {
    return load(id, dfe);
  }

  /** Resolves a {@code Warehouse} representation through the batching loader. */
  @DgsEntityFetcher(name = "Warehouse")
  public CompletableFuture<Warehouse> warehouseEntity(
      Map<String, Object> values, DataFetchingEnvironment dfe) {
    if (!(values.get("id") instanceof String id)) {
      throw SubgraphException.badInput("A Warehouse representation needs an id");
    }
    return load(id, dfe);
  }

  private static CompletableFuture<Warehouse> load(String id, DataFetchingEnvironment dfe) {
    DataLoader<String, Warehouse> loader = dfe.getDataLoader(WarehouseByIdLoader.NAME);
    return loader
        .load(id)
        .thenApply(
            w -> {
              if (w == null) {
                throw SubgraphException.notFound("No warehouse with id " + id);
              }
              return w;
            });
  }
}
