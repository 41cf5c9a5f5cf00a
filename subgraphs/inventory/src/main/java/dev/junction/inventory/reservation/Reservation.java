package dev.junction.inventory.reservation;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An order's stock reservation: where each unit was taken from, and whether it still holds. */
public record Reservation(String orderId, ReservationStatus status, List<ReservedLine> lines) {

  /** Total reserved quantity per product. */
  public Map<String, Integer> quantitiesByProduct() {
    Map<String, Integer> out = new TreeMap<>();
    lines.forEach(l -> out.merge(l.productId(), l.quantity(), Integer::sum));
    return out;
  }
}
