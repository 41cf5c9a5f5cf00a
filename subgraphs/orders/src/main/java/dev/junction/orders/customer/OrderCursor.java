package dev.junction.orders.customer;

import dev.junction.orders.order.OrderKeyset;
import dev.junction.subgraph.common.error.SubgraphException;
import dev.junction.subgraph.common.pagination.Cursors;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** Opaque cursors over a customer's orders: they wrap the keyset (placedAt, id) of an order. */
final class OrderCursor {
  private static final char SEPARATOR = '|';

  private OrderCursor() {}

  static String encode(OrderKeyset keyset) {
    return Cursors.encode(keyset.placedAt().toInstant() + String.valueOf(SEPARATOR) + keyset.id());
  }

  /**
   * Decodes a cursor; {@code null} stays {@code null}, a malformed one is {@code BAD_USER_INPUT}.
   */
  static OrderKeyset decode(String cursor) {
    if (cursor == null) {
      return null;
    }
    String raw = Cursors.decode(cursor);
    int cut = raw.indexOf(SEPARATOR);
    if (cut <= 0 || cut == raw.length() - 1) {
      throw SubgraphException.badInput("Invalid cursor: " + cursor);
    }
    try {
      Instant placedAt = Instant.parse(raw.substring(0, cut));
      return new OrderKeyset(
          OffsetDateTime.ofInstant(placedAt, ZoneOffset.UTC), raw.substring(cut + 1));
    } catch (DateTimeParseException e) {
      throw SubgraphException.badInput("Invalid cursor: " + cursor);
    }
  }
}
