package dev.junction.inventory.stock;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import dev.junction.subgraph.common.error.SubgraphException;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;

/** Resolves {@code Product} representations to their stock. */
@DgsComponent
public class StockDataFetcher {

  /**
   * Loads the product's stock through the batching loader: a batch of representations costs one
   * SELECT. An id inventory holds no stock for resolves to stock 0, never to an error, because
   * inventory does not know which products the catalog has.
   */
  @DgsEntityFetcher(name = "Product")
  public CompletableFuture<Product> productEntity(
      Map<String, Object> values, DataFetchingEnvironment dfe) {
    if (!(values.get("id") instanceof String id)) {
      throw SubgraphException.badInput("A Product representation needs an id");
    }
    DataLoader<String, Product> loader = dfe.getDataLoader(StockByProductLoader.NAME);
    return loader.load(id);
  }
}
