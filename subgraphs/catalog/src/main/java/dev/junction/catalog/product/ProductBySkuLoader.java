package dev.junction.catalog.product;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataloader.MappedBatchLoader;

/** Loads products by SKU, one SELECT per batch; unknown SKUs are absent from the result. */
@DgsDataLoader(name = ProductBySkuLoader.NAME)
public class ProductBySkuLoader implements MappedBatchLoader<String, Product> {
  /** The DataLoader's registry name. */
  public static final String NAME = "productsBySku";

  private final ProductRepository products;

  public ProductBySkuLoader(ProductRepository products) {
    this.products = products;
  }

  @Override
  public CompletionStage<Map<String, Product>> load(Set<String> skus) {
    return products
        .findAllBySku(skus)
        .collect(Collectors.toMap(Product::sku, Function.identity()))
        .toFuture();
  }
}
