package dev.junction.inventory.stock;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsSubscription;
import com.netflix.graphql.dgs.InputArgument;
import dev.junction.subgraph.common.error.SubgraphException;
import java.util.List;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code Subscription.stockChanged(productId)}: the product (the {@code Product} entity, so that a
 * gateway can add the catalog's fields) with its stock now, then again each time its stock changes
 * (a reservation, a release). Each change is read afresh from the database; changes that come
 * faster than they are read are coalesced, and an unchanged level is not repeated. A product
 * inventory holds no stock for has stock 0, as for {@code _entities}.
 */
@DgsComponent
public class StockSubscription {
  private final StockRepository stock;
  private final StockChanges changes;

  public StockSubscription(StockRepository stock, StockChanges changes) {
    this.stock = stock;
    this.changes = changes;
  }

  @DgsSubscription
  public Publisher<Product> stockChanged(@InputArgument String productId) {
    if (productId == null || productId.isBlank()) {
      return Flux.error(SubgraphException.badInput("productId must not be blank"));
    }
    // listen first, then read: a change committed meanwhile is read by the first or next read
    return Flux.merge(changes.live(productId), Mono.just(productId))
        .onBackpressureLatest()
        .concatMap(id -> read(productId), 1)
        .distinctUntilChanged(Product::stock);
  }

  private Mono<Product> read(String productId) {
    return stock
        .findByProductIds(List.of(productId))
        .map(StockRepository.StockWithWarehouse::stock)
        .collectList()
        .map(rows -> new Product(productId, rows.isEmpty() ? Stock.NONE : Stock.of(rows)));
  }
}
