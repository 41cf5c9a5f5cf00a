package dev.junction.accounts.loyalty;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads and writes the {@code loyalty_entry} ledger. */
@Repository
public class LoyaltyRepository {
  private static final String COLUMNS = "id, customer_id, points, reason, created_at";

  private final DatabaseClient db;

  public LoyaltyRepository(DatabaseClient db) {
    this.db = db;
  }

  public Mono<LoyaltyEntry> findByCustomerAndReason(String customerId, String reason) {
    return db.sql(
            "SELECT "
                + COLUMNS
                + " FROM loyalty_entry WHERE customer_id = :customerId AND reason = :reason")
        .bind("customerId", customerId)
        .bind("reason", reason)
        .map(LoyaltyRepository::toEntry)
        .one();
  }

  /** The balance (sum of all entries) of one customer; 0 without entries. */
  public Mono<Integer> balance(String customerId) {
    return balances(List.of(customerId)).map(m -> m.getOrDefault(customerId, 0));
  }

  /** The balances of these customers in one statement; customers without entries are absent. */
  public Mono<Map<String, Integer>> balances(Collection<String> customerIds) {
    if (customerIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    return db.sql(
            "SELECT customer_id, SUM(points) AS total FROM loyalty_entry"
                + " WHERE customer_id IN (:ids) GROUP BY customer_id")
        .bind("ids", customerIds)
        .map(
            row ->
                Map.entry(
                    row.get("customer_id", String.class),
                    row.get("total", Number.class).intValue()))
        .all()
        .collect(HashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()));
  }

  /**
   * The newest entries of each of these customers, at most {@code limit} per customer, ordered by
   * customer then newest first, strictly after {@code after} in that order when it is not null. One
   * statement for all customers (a window function numbers the rows per customer).
   */
  public Flux<LoyaltyEntry> ledger(Collection<String> customerIds, int limit, LedgerCursor after) {
    if (customerIds.isEmpty() || limit <= 0) {
      return Flux.empty();
    }
    String position =
        after == null
            ? ""
            : " AND (created_at < :afterAt OR (created_at = :afterAt AND id < :afterId))";
    DatabaseClient.GenericExecuteSpec spec =
        db.sql(
                "SELECT "
                    + COLUMNS
                    + " FROM (SELECT "
                    + COLUMNS
                    + ", ROW_NUMBER() OVER (PARTITION BY customer_id"
                    + " ORDER BY created_at DESC, id DESC) AS rn"
                    + " FROM loyalty_entry WHERE customer_id IN (:ids)"
                    + position
                    + ") ranked WHERE rn <= :limit"
                    + " ORDER BY customer_id, created_at DESC, id DESC")
            .bind("ids", customerIds)
            .bind("limit", limit);
    if (after != null) {
      spec = spec.bind("afterAt", after.createdAt()).bind("afterId", after.id());
    }
    return spec.map(LoyaltyRepository::toEntry).all();
  }

  public Mono<LoyaltyEntry> insert(LoyaltyEntry e) {
    return db.sql(
            "INSERT INTO loyalty_entry (id, customer_id, points, reason, created_at)"
                + " VALUES (:id, :customerId, :points, :reason, :createdAt)")
        .bind("id", e.id())
        .bind("customerId", e.customerId())
        .bind("points", e.points())
        .bind("reason", e.reason())
        .bind("createdAt", e.createdAt())
        .fetch()
        .rowsUpdated()
        .thenReturn(e);
  }

  /** The number of entries of one customer with that reason (at most 1 by constraint). */
  public Mono<Long> countByCustomerAndReason(String customerId, String reason) {
    return db.sql(
            "SELECT COUNT(*) AS n FROM loyalty_entry"
                + " WHERE customer_id = :customerId AND reason = :reason")
        .bind("customerId", customerId)
        .bind("reason", reason)
        .map(row -> row.get("n", Number.class).longValue())
        .one();
  }

  public Mono<Long> count() {
    return db.sql("SELECT COUNT(*) AS n FROM loyalty_entry")
        .map(row -> row.get("n", Number.class).longValue())
        .one();
  }

  private static LoyaltyEntry toEntry(Readable row) {
    return new LoyaltyEntry(
        row.get("id", String.class),
        row.get("customer_id", String.class),
        row.get("points", Integer.class),
        row.get("reason", String.class),
        row.get("created_at", OffsetDateTime.class));
  }
}
