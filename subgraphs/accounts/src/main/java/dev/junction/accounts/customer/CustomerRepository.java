package dev.junction.accounts.customer;

import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.Collection;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads and writes the {@code customer} table. */
@Repository
public class CustomerRepository {
  private static final String COLUMNS = "id, email, name, tier, created_at";

  private final DatabaseClient db;

  public CustomerRepository(DatabaseClient db) {
    this.db = db;
  }

  /** The customers with these ids, in one statement; unknown ids are simply absent. */
  public Flux<Customer> findByIds(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Flux.empty();
    }
    return db.sql("SELECT " + COLUMNS + " FROM customer WHERE id IN (:ids)")
        .bind("ids", ids)
        .map(CustomerRepository::toCustomer)
        .all();
  }

  public Mono<Customer> findById(String id) {
    return db.sql("SELECT " + COLUMNS + " FROM customer WHERE id = :id")
        .bind("id", id)
        .map(CustomerRepository::toCustomer)
        .one();
  }

  /** Looks a customer up by an already normalized (trimmed, lower-cased) e-mail. */
  public Mono<Customer> findByEmail(String email) {
    return db.sql("SELECT " + COLUMNS + " FROM customer WHERE email = :email")
        .bind("email", email)
        .map(CustomerRepository::toCustomer)
        .one();
  }

  /**
   * Up to {@code limit} customers ordered by id, starting after {@code afterId} (exclusive) when it
   * is not null: keyset pagination.
   */
  public Flux<Customer> page(String afterId, int limit) {
    if (afterId == null) {
      return db.sql("SELECT " + COLUMNS + " FROM customer ORDER BY id LIMIT :limit")
          .bind("limit", limit)
          .map(CustomerRepository::toCustomer)
          .all();
    }
    return db.sql("SELECT " + COLUMNS + " FROM customer WHERE id > :after ORDER BY id LIMIT :limit")
        .bind("after", afterId)
        .bind("limit", limit)
        .map(CustomerRepository::toCustomer)
        .all();
  }

  /**
   * Locks the customer's row until the end of the current transaction ({@code SELECT ... FOR
   * UPDATE}) and emits its id, or nothing when there is no such customer.
   */
  public Mono<String> lockById(String id) {
    return db.sql("SELECT id FROM customer WHERE id = :id FOR UPDATE")
        .bind("id", id)
        .map(row -> row.get("id", String.class))
        .one();
  }

  /**
   * Inserts a customer. A duplicate e-mail fails with Spring's {@code
   * DataIntegrityViolationException} (unique constraint).
   */
  public Mono<Customer> insert(Customer c) {
    return db.sql(
            "INSERT INTO customer (id, email, name, tier, created_at)"
                + " VALUES (:id, :email, :name, :tier, :createdAt)")
        .bind("id", c.id())
        .bind("email", c.email())
        .bind("name", c.name())
        .bind("tier", c.tier().name())
        .bind("createdAt", c.createdAt())
        .fetch()
        .rowsUpdated()
        .thenReturn(c);
  }

  public Mono<Long> count() {
    return db.sql("SELECT COUNT(*) AS n FROM customer")
        .map(row -> row.get("n", Number.class).longValue())
        .one();
  }

  private static Customer toCustomer(Readable row) {
    return new Customer(
        row.get("id", String.class),
        row.get("email", String.class),
        row.get("name", String.class),
        CustomerTier.valueOf(row.get("tier", String.class)),
        row.get("created_at", OffsetDateTime.class));
  }
}
