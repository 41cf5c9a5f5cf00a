package dev.junction.shipping.shipment;

/** The life cycle of a shipment; the names are the {@code ShipmentStatus} GraphQL enum values. */
public enum ShipmentStatus {
  PENDING,
  LABEL_CREATED,
  IN_TRANSIT,
  DELIVERED,
  CANCELLED
}
