package dev.junction.accounts.loyalty;

import dev.junction.subgraph.common.error.SubgraphException;
import dev.junction.subgraph.common.pagination.Cursors;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The keyset position of a ledger entry: the ledger is ordered by (createdAt, id) descending. */
public record LedgerCursor(OffsetDateTime createdAt, String id) {

  public static LedgerCursor of(LoyaltyEntry entry) {
    return new LedgerCursor(entry.createdAt(), entry.id());
  }

  /** The opaque cursor string. */
  public String encode() {
    return Cursors.encode(createdAt.toInstant() + "|" + id);
  }

  /** Decodes a cursor made by {@link #encode()}; anything else is {@code BAD_USER_INPUT}. */
  public static LedgerCursor decode(String cursor) {
    String key = Cursors.decode(cursor);
    int bar = key.indexOf('|');
    if (bar <= 0 || bar == key.length() - 1) {
      throw SubgraphException.badInput("Invalid cursor: " + cursor);
    }
    try {
      Instant at = Instant.parse(key.substring(0, bar));
      return new LedgerCursor(at.atOffset(ZoneOffset.UTC), key.substring(bar + 1));
    } catch (DateTimeParseException e) {
      throw SubgraphException.badInput("Invalid cursor: " + cursor);
    }
  }
}
