package dev.junction.inventory.reservation;

/** The state of an order's reservation. */
public enum ReservationStatus {
  RESERVED,
  RELEASED
}
