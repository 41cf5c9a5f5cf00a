package dev.junction.catalog.product;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.dataloader.MappedBatchLoader;

/** Loads products by id, one SELECT per batch; unknown ids are absent from the result. */
@DgsDataLoader(name = ProductByIdLoader.NAME)
public class ProductByIdLoader implements MappedBatchLoader<String, Product> {
  /** The DataLoader's registry name. */
  public static final String NAME = "productsById";

  private final ProductRepository products;

  public ProductByIdLoader(ProductRepository products) {
    this.products = products;
  }

  @Override
  public CompletionStage<Map<String, Product>> load(Set<String> ids) {
    return products
        .findAllById(ids)
        .collect(Collectors.toMap(Product::id, Function.identity()))
        .toFuture();
  }
}
