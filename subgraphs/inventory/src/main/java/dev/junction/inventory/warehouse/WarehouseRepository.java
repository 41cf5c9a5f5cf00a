package dev.junction.inventory.warehouse;

import java.util.Collection;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads and writes warehouses with explicit SQL. */
@Repository
public class WarehouseRepository {
  private final DatabaseClient db;

  public WarehouseRepository(DatabaseClient db) {
    this.db = db;
  }

  /** All warehouses ordered by id. */
  public Flux<Warehouse> findAll() {
    return db.sql("SELECT id, name, city FROM warehouse ORDER BY id")
        .map(
            row ->
                new Warehouse(
                    row.get("id", String.class),
                    row.get("name", String.class),
                    row.get("city", String.class)))
        .all();
  }

  /** The warehouses with those ids, in one SELECT; unknown ids are absent. */
  public Flux<Warehouse> findAllById(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Flux.empty();
    }
    return db.sql("SELECT id, name, city FROM warehouse WHERE id IN (:ids)")
        .bind("ids", List.copyOf(ids))
        .map(
            row ->
                new Warehouse(
                    row.get("id", String.class),
                    row.get("name", String.class),
                    row.get("city", String.class)))
        .all();
  }

  /** The number of warehouses. */
  public Mono<Long> count() {
    return db.sql("SELECT COUNT(*) AS n FROM warehouse")
        .map(row -> ((Number) row.get("n")).longValue())
        .one();
  }

  /** Inserts one warehouse. */
  public Mono<Long> insert(Warehouse w) {
    return db.sql("INSERT INTO warehouse (id, name, city) VALUES (:id, :name, :city)")
        .bind("id", w.id())
        .bind("name", w.name())
        .bind("city", w.city())
        .fetch()
        .rowsUpdated();
  }
}
