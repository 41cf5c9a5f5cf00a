package dev.junction.inventory.reservation;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import dev.junction.subgraph.common.trust.OwnerCheck;
import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The saga's stock mutations. They are {@code @inaccessible} in the public API (the gateway hides
 * them) but callable on the subgraph directly by the orders service.
 */
@DgsComponent
public class ReservationDataFetcher {
  private final ReservationService service;

  public ReservationDataFetcher(ReservationService service) {
    this.service = service;
  }

  /** {@code reserveStock(orderId, lines)}: see {@link ReservationService#reserve}. */
  @DgsMutation
  public CompletableFuture<Reservation> reserveStock(
      @InputArgument String orderId, DataFetchingEnvironment dfe) {
    OwnerCheck.requireService(dfe, "reserveStock");
    List<Map<String, Object>> input = dfe.getArgument("lines");
    List<StockLine> lines =
        input.stream()
            .map(m -> new StockLine((String) m.get("productId"), (Integer) m.get("quantity")))
            .toList();
    return service.reserve(orderId, lines).toFuture();
  }

  /** {@code releaseStock(orderId)}: see {@link ReservationService#release}. */
  @DgsMutation
  public CompletableFuture<Reservation> releaseStock(
      @InputArgument String orderId, DataFetchingEnvironment dfe) {
    OwnerCheck.requireService(dfe, "releaseStock");
    return service.release(orderId).toFuture();
  }
}
