package dev.junction.inventory.reservation;

import dev.junction.inventory.stock.StockChanges;
import dev.junction.inventory.stock.StockLevel;
import dev.junction.inventory.stock.StockRepository;
import dev.junction.subgraph.common.error.SubgraphException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reserves and releases stock for orders (the order saga's inventory step).
 *
 * <p>A reservation is all or nothing: it runs in one R2DBC transaction that inserts the reservation
 * header (whose unique order id makes the operation idempotent, even when two identical calls
 * race), locks the stock rows of the requested products, allocates each line greedily over the
 * warehouses with the most available units first, and applies every allocation as a conditional
 * UPDATE that re-checks availability. Any shortfall rolls everything back. Committed changes are
 * reported to {@link StockChanges} (the {@code stockChanged} subscription).
 */
@Service
public class ReservationService {
  private static final Logger log = LoggerFactory.getLogger(ReservationService.class);

  /** The error code of a reservation that cannot be satisfied. */
  public static final String INSUFFICIENT_STOCK = "INSUFFICIENT_STOCK";

  /** The most distinct products one reservation may contain. */
  public static final int MAX_LINES = 100;

  /** The longest order or product id accepted (the width of the id columns). */
  public static final int MAX_ID_LENGTH = 64;

  private final ReservationRepository reservations;
  private final StockRepository stock;
  private final TransactionalOperator tx;
  private final StockChanges changes;

  public ReservationService(
      ReservationRepository reservations,
      StockRepository stock,
      ReactiveTransactionManager transactionManager,
      StockChanges changes) {
    this.reservations = reservations;
    this.stock = stock;
    this.tx = TransactionalOperator.create(transactionManager);
    this.changes = changes;
  }

  /**
   * Reserves all lines for the order or nothing. Calling it again for the same order returns the
   * existing reservation (also once released) without any further effect; the same order id with
   * different lines is a {@code CONFLICT}.
   *
   * @throws SubgraphException {@code BAD_USER_INPUT} for empty lines or a quantity below 1, {@code
   *     INSUFFICIENT_STOCK} when some product lacks units (nothing is written then)
   */
  public Mono<Reservation> reserve(String orderId, List<StockLine> lines) {
    return Mono.defer(
        () -> {
          SortedMap<String, Integer> requested = validate(orderId, lines);
          return reservations
              .findByOrderId(orderId)
              .map(existing -> sameRequest(existing, requested))
              .switchIfEmpty(
                  Mono.defer(
                      () ->
                          reserveNew(orderId, requested)
                              .onErrorResume(
                                  DuplicateOrder.class,
                                  e ->
                                      reservations
                                          .findByOrderId(orderId)
                                          .doOnNext(
                                              r ->
                                                  log.info(
                                                      "Order {} was reserved by a concurrent call;"
                                                          + " returning that reservation",
                                                      orderId))
                                          .map(existing -> sameRequest(existing, requested))
                                          .switchIfEmpty(
                                              Mono.error(
                                                  () ->
                                                      SubgraphException.conflict(
                                                          "A concurrent reservation for order "
                                                              + orderId
                                                              + " is in progress; retry"))))));
        });
  }

  /**
   * Releases the order's reservation: gives its units back and sets it RELEASED. Releasing again
   * returns the released reservation without further effect.
   *
   * @throws SubgraphException {@code NOT_FOUND} if the order has no reservation
   */
  public Mono<Reservation> release(String orderId) {
    Mono<Void> work =
        reservations
            .markReleased(orderId)
            .flatMap(releasedNow -> releasedNow ? giveBack(orderId) : Mono.<Void>empty())
            .then();
    return tx.transactional(work)
        .then(Mono.defer(() -> reservations.findByOrderId(orderId)))
        .doOnNext(r -> changes.changed(r.quantitiesByProduct().keySet()))
        .switchIfEmpty(
            Mono.error(
                () -> SubgraphException.notFound("No stock reservation for order " + orderId)));
  }

  private Mono<Void> giveBack(String orderId) {
    return reservations
        .findByOrderId(orderId)
        .flatMapMany(r -> Flux.fromIterable(r.lines()))
        .concatMap(
            line ->
                stock
                    .release(line.productId(), line.warehouseId(), line.quantity())
                    .flatMap(
                        ok ->
                            ok
                                ? Mono.<Void>empty()
                                : Mono.<Void>error(
                                    new IllegalStateException(
                                        "Stock of "
                                            + line.productId()
                                            + " in "
                                            + line.warehouseId()
                                            + " has fewer reserved units than order "
                                            + orderId
                                            + " holds"))))
        .then();
  }

  private Mono<Reservation> reserveNew(String orderId, SortedMap<String, Integer> requested) {
    Mono<Reservation> work =
        reservations
            .insert(orderId)
            .onErrorMap(DuplicateKeyException.class, DuplicateOrder::new)
            .then(stock.lockByProductIds(requested.keySet()).collectList())
            .flatMap(
                levels -> {
                  List<ReservedLine> plan = allocate(requested, levels);
                  return Flux.fromIterable(plan)
                      .concatMap(
                          line ->
                              stock
                                  .reserve(line.productId(), line.warehouseId(), line.quantity())
                                  .flatMap(
                                      ok ->
                                          ok
                                              ? reservations.insertLine(orderId, line)
                                              : Mono.error(
                                                  insufficient(
                                                      line.productId(),
                                                      requested.get(line.productId()),
                                                      null))))
                      .then(Mono.just(new Reservation(orderId, ReservationStatus.RESERVED, plan)));
                });
    return tx.transactional(work).doOnNext(r -> changes.changed(requested.keySet()));
  }

  /**
   * Greedy allocation: for each product, take from the warehouse with the most available units
   * first (ties by warehouse id) until the line is covered. Lines come out ordered by product and
   * warehouse.
   */
  static List<ReservedLine> allocate(
      SortedMap<String, Integer> requested, List<StockLevel> levels) {
    List<ReservedLine> plan = new ArrayList<>();
    for (Map.Entry<String, Integer> line : requested.entrySet()) {
      String productId = line.getKey();
      List<StockLevel> candidates =
          levels.stream()
              .filter(l -> l.productId().equals(productId) && l.available() > 0)
              .sorted(
                  Comparator.comparingInt(StockLevel::available)
                      .reversed()
                      .thenComparing(StockLevel::warehouseId))
              .toList();
      int total = candidates.stream().mapToInt(StockLevel::available).sum();
      if (total < line.getValue()) {
        throw insufficient(productId, line.getValue(), total);
      }
      int remaining = line.getValue();
      List<ReservedLine> forProduct = new ArrayList<>();
      for (StockLevel level : candidates) {
        if (remaining == 0) {
          break;
        }
        int take = Math.min(remaining, level.available());
        forProduct.add(new ReservedLine(productId, level.warehouseId(), take));
        remaining -= take;
      }
      forProduct.sort(Comparator.comparing(ReservedLine::warehouseId));
      plan.addAll(forProduct);
    }
    return List.copyOf(plan);
  }

  static SortedMap<String, Integer> validate(String orderId, List<StockLine> lines) {
    if (orderId == null || orderId.isBlank()) {
      throw SubgraphException.badInput("orderId must not be blank");
    }
    if (orderId.length() > MAX_ID_LENGTH) {
      throw SubgraphException.badInput(
          "orderId must be at most " + MAX_ID_LENGTH + " characters long");
    }
    if (lines == null || lines.isEmpty()) {
      throw SubgraphException.badInput("lines must contain at least one line");
    }
    SortedMap<String, Integer> requested = new TreeMap<>();
    for (int i = 0; i < lines.size(); i++) {
      StockLine line = lines.get(i);
      if (line.productId() == null || line.productId().isBlank()) {
        throw SubgraphException.badInput("lines[" + i + "].productId must not be blank");
      }
      if (line.productId().length() > MAX_ID_LENGTH) {
        throw SubgraphException.badInput(
            "lines[" + i + "].productId must be at most " + MAX_ID_LENGTH + " characters long");
      }
      if (line.quantity() <= 0) {
        throw SubgraphException.badInput(
            "lines[" + i + "].quantity must be at least 1, got " + line.quantity());
      }
      requested.merge(line.productId(), line.quantity(), Math::addExact);
    }
    if (requested.size() > MAX_LINES) {
      throw SubgraphException.badInput(
          "A reservation may contain at most " + MAX_LINES + " products, got " + requested.size());
    }
    return requested;
  }

  private static Reservation sameRequest(
      Reservation existing, SortedMap<String, Integer> requested) {
    if (!existing.quantitiesByProduct().equals(requested)) {
      throw SubgraphException.conflict(
          "Order "
              + existing.orderId()
              + " already has a reservation with different lines: "
              + existing.quantitiesByProduct());
    }
    return existing;
  }

  private static SubgraphException insufficient(String productId, int requested, Integer total) {
    return new SubgraphException(
        INSUFFICIENT_STOCK,
        "Not enough stock of "
            + productId
            + ": requested "
            + requested
            + (total == null ? "" : ", available " + total));
  }

  /** The order already has a reservation (unique constraint), possibly from a concurrent call. */
  private static final class DuplicateOrder extends RuntimeException {
    DuplicateOrder(Throwable cause) {
      super(cause);
    }
  }
}
