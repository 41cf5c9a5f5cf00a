package dev.junction.shipping.shipment;

/**
 * A shipment row, also the source object of the {@code Shipment} GraphQL type (the class name must
 * match the type name for the federation type resolver).
 *
 * @param trackingNumber the carrier's tracking number, {@code null} until a label exists
 */
public record Shipment(
    String id, String orderId, ShipmentStatus status, String carrier, String trackingNumber) {

  /** The {@code order} field: a reference resolved further by the orders subgraph. */
  public Order order() {
    return new Order(orderId);
  }
}
