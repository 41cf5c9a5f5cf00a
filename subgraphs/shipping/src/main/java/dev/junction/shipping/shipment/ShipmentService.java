package dev.junction.shipping.shipment;

import dev.junction.subgraph.common.error.SubgraphException;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The saga side of shipping: creating and cancelling the shipment of an order, both idempotent by
 * order id (an order has at most one shipment row, enforced by a unique constraint, so two racing
 * calls create one).
 */
@Service
public class ShipmentService {
  /** The shipment has left the warehouse and can no longer be cancelled. */
  public static final String SHIPMENT_ALREADY_SHIPPED = "SHIPMENT_ALREADY_SHIPPED";

  static final String CARRIER = "DHL";
  static final String NO_CARRIER = "NONE";

  private final ShipmentRepository shipments;

  public ShipmentService(ShipmentRepository shipments) {
    this.shipments = shipments;
  }

  /**
   * Creates the order's shipment with a label ({@code LABEL_CREATED}), or returns the existing
   * shipment of the order, whatever its status (a cancelled one stays cancelled).
   */
  public Mono<Shipment> create(String orderId, String address) {
    return Mono.defer(
        () -> {
          requireText("orderId", orderId, 40);
          requireText("address", address, 500);
          Shipment created =
              new Shipment(
                  "shp-" + UUID.randomUUID(),
                  orderId,
                  ShipmentStatus.LABEL_CREATED,
                  CARRIER,
                  trackingNumber());
          return byOrder(orderId).switchIfEmpty(insertOrExisting(created, address));
        });
  }

  /**
   * Cancels the order's shipment; {@code SHIPMENT_ALREADY_SHIPPED} once it is in transit or
   * delivered. Without a shipment, records a cancelled one so that a late create does nothing.
   */
  public Mono<Shipment> cancel(String orderId) {
    return Mono.defer(
        () -> {
          requireText("orderId", orderId, 40);
          Shipment tombstone =
              new Shipment(
                  "shp-" + UUID.randomUUID(), orderId, ShipmentStatus.CANCELLED, NO_CARRIER, null);
          return shipments
              .cancelIfNotShipped(orderId)
              .then(byOrder(orderId))
              .switchIfEmpty(insertOrExisting(tombstone, null))
              .flatMap(
                  s ->
                      s.status() == ShipmentStatus.CANCELLED
                          ? Mono.just(s)
                          : s.status() == ShipmentStatus.PENDING
                                  || s.status() == ShipmentStatus.LABEL_CREATED
                              ? shipments.cancelIfNotShipped(orderId).then(byOrder(orderId))
                              : Mono.error(
                                  new SubgraphException(
                                      SHIPMENT_ALREADY_SHIPPED,
                                      "The shipment of order "
                                          + orderId
                                          + " is "
                                          + s.status()
                                          + " and cannot be cancelled")));
        });
  }

  private Mono<Shipment> insertOrExisting(Shipment shipment, String address) {
    return Mono.defer(
        () ->
            shipments
                .insert(shipment, address)
                .thenReturn(shipment)
                .onErrorResume(
                    e ->
                        e instanceof DataIntegrityViolationException
                            || e instanceof R2dbcDataIntegrityViolationException,
                    e -> byOrder(shipment.orderId())));
  }

  private Mono<Shipment> byOrder(String orderId) {
    return shipments.findByOrderIds(List.of(orderId)).next();
  }

  private static String trackingNumber() {
    return "JD"
        + String.format("%016d", ThreadLocalRandom.current().nextLong(10_000_000_000_000_000L));
  }

  private static void requireText(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      throw SubgraphException.badInput(field + " must not be blank");
    }
    if (value.length() > max) {
      throw SubgraphException.badInput(field + " must have at most " + max + " characters");
    }
  }
}
