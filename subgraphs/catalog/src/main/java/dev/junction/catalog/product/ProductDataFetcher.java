package dev.junction.catalog.product;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import dev.junction.subgraph.common.error.SubgraphException;
import dev.junction.subgraph.common.pagination.Cursors;
import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;

/** The catalog's queries and the {@code Product} entity resolution. */
@DgsComponent
public class ProductDataFetcher {
  static final int DEFAULT_PAGE_SIZE = 20;

  private final ProductRepository products;

  public ProductDataFetcher(ProductRepository products) {
    this.products = products;
  }

  /** {@code product(id)}: the product, or null with {@code NOT_FOUND}. */
  @DgsQuery
  public CompletableFuture<Product> product(@InputArgument String id, DataFetchingEnvironment dfe) {
    return orNotFound(byId(dfe).load(id), "No product with id " + id);
  }

  /** {@code productBySku(sku)}: the product, or null with {@code NOT_FOUND}. */
  @DgsQuery
  public CompletableFuture<Product> productBySku(
      @InputArgument String sku, DataFetchingEnvironment dfe) {
    return orNotFound(bySku(dfe).load(sku), "No product with SKU " + sku);
  }

  /**
   * {@code productByBarcode(barcode)}: a malformed EAN-13 is {@code BAD_USER_INPUT} saying why; an
   * unknown one is null with {@code NOT_FOUND}.
   */
  @DgsQuery
  public CompletableFuture<Product> productByBarcode(@InputArgument String barcode) {
    Ean13.requireValid(barcode);
    return orNotFound(
        products.findByBarcode(barcode).toFuture(), "No product with barcode " + barcode);
  }

  /**
   * {@code products(first, after, filter)}: one page in id order (keyset pagination). {@code first}
   * must be 0 to 100; a malformed cursor or an empty price range is {@code BAD_USER_INPUT}.
   */
  @DgsQuery
  public CompletableFuture<ProductConnection> products(DataFetchingEnvironment dfe) {
    int size = Cursors.pageSize(dfe.getArgument("first"), DEFAULT_PAGE_SIZE);
    String after = dfe.getArgument("after");
    String afterId = after == null ? null : Cursors.decode(after);
    ProductFilter filter = ProductFilter.from(dfe.getArgument("filter"));
    // One row more than asked tells whether another page follows.
    return products
        .page(afterId, size + 1, filter)
        .collectList()
        .map(rows -> toConnection(rows, size))
        .toFuture();
  }

  /**
   * Resolves a {@code Product} representation by either of its keys: {@code id} or {@code sku}.
   * Both go through a DataLoader, so a batch of representations costs one SELECT per key kind.
   */
  @DgsEntityFetcher(name = "Product")
  public CompletableFuture<Product> productEntity(
      Map<String, Object> values, DataFetchingEnvironment dfe) {
    if (values.get("id") instanceof String id) {
      return orNotFound(byId(dfe).load(id), "No product with id " + id);
    }
    if (values.get("sku") instanceof String sku) {
      return orNotFound(bySku(dfe).load(sku), "No product with SKU " + sku);
    }
    throw SubgraphException.badInput("A Product representation needs an id or a sku");
  }

  private static ProductConnection toConnection(List<Product> rows, int size) {
    boolean hasNext = rows.size() > size;
    List<ProductConnection.Edge> edges =
        rows.stream()
            .limit(size)
            .map(p -> new ProductConnection.Edge(Cursors.encode(p.id()), p))
            .toList();
    String endCursor = edges.isEmpty() ? null : edges.get(edges.size() - 1).cursor();
    return new ProductConnection(edges, new ProductConnection.PageInfo(hasNext, endCursor));
  }

  private static DataLoader<String, Product> byId(DataFetchingEnvironment dfe) {
    return dfe.getDataLoader(ProductByIdLoader.NAME);
  }

  private static DataLoader<String, Product> bySku(DataFetchingEnvironment dfe) {
    return dfe.getDataLoader(ProductBySkuLoader.NAME);
  }

  private static CompletableFuture<Product> orNotFound(
      CompletableFuture<Product> product, String message) {
    return product.thenApply(
        p -> {
          if (p == null) {
            throw SubgraphException.notFound(message);
          }
          return p;
        });
  }
}
