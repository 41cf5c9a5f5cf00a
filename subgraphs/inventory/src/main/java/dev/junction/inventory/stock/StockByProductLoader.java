package dev.junction.inventory.stock;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/**
 * Loads the stock of products, one SELECT per batch. Every requested id gets a value: a product
 * this service holds no stock for (inventory does not know the catalog, so it cannot tell an
 * unknown product from one never stocked) has {@link Stock#NONE}.
 */
@DgsDataLoader(name = StockByProductLoader.NAME)
public class StockByProductLoader implements MappedBatchLoader<String, Product> {
  /** The DataLoader's registry name. */
  public static final String NAME = "stockByProduct";

  private final StockRepository stock;

  public StockByProductLoader(StockRepository stock) {
    this.stock = stock;
  }

  @Override
  public CompletionStage<Map<String, Product>> load(Set<String> productIds) {
    return stock
        .findByProductIds(productIds)
        .collectMultimap(StockRepository.StockWithWarehouse::productId)
        .map(
            rows -> {
              Map<String, Product> out = new HashMap<>();
              for (String id : productIds) {
                List<WarehouseStock> byWarehouse = new ArrayList<>();
                rows.getOrDefault(id, List.of()).forEach(r -> byWarehouse.add(r.stock()));
                out.put(
                    id,
                    new Product(id, byWarehouse.isEmpty() ? Stock.NONE : Stock.of(byWarehouse)));
              }
              return out;
            })
        .toFuture();
  }
}
