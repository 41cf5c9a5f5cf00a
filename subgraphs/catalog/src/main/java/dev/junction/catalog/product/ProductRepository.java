package dev.junction.catalog.product;

import dev.junction.subgraph.common.money.Money;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads products with explicit SQL. */
@Repository
public class ProductRepository {
  static final String COLUMNS =
      "id, sku, name, description, price_cents, currency, barcode, weight_grams, length_mm,"
          + " width_mm, height_mm";

  private final DatabaseClient db;

  public ProductRepository(DatabaseClient db) {
    this.db = db;
  }

  /** The product with that id, or empty. */
  public Mono<Product> findById(String id) {
    return db.sql("SELECT " + COLUMNS + " FROM product WHERE id = :id")
        .bind("id", id)
        .map(ProductRepository::map)
        .one();
  }

  /** The product with that SKU, or empty. */
  public Mono<Product> findBySku(String sku) {
    return db.sql("SELECT " + COLUMNS + " FROM product WHERE sku = :sku")
        .bind("sku", sku)
        .map(ProductRepository::map)
        .one();
  }

  /** The product with that barcode, or empty. */
  public Mono<Product> findByBarcode(String barcode) {
    return db.sql("SELECT " + COLUMNS + " FROM product WHERE barcode = :barcode")
        .bind("barcode", barcode)
        .map(ProductRepository::map)
        .one();
  }

  /** The products with those ids, in one SELECT; unknown ids are simply absent. */
  public Flux<Product> findAllById(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Flux.empty();
    }
    return db.sql("SELECT " + COLUMNS + " FROM product WHERE id IN (:ids)")
        .bind("ids", List.copyOf(ids))
        .map(ProductRepository::map)
        .all();
  }

  /** The products with those SKUs, in one SELECT; unknown SKUs are simply absent. */
  public Flux<Product> findAllBySku(Collection<String> skus) {
    if (skus.isEmpty()) {
      return Flux.empty();
    }
    return db.sql("SELECT " + COLUMNS + " FROM product WHERE sku IN (:skus)")
        .bind("skus", List.copyOf(skus))
        .map(ProductRepository::map)
        .all();
  }

  /**
   * One page of products ordered by id (keyset pagination): at most {@code limit} products whose id
   * is greater than {@code afterId} (all if null) and that match the filter.
   */
  public Flux<Product> page(String afterId, int limit, ProductFilter filter) {
    List<String> conditions = new ArrayList<>();
    Map<String, Object> params = new HashMap<>();
    if (afterId != null) {
      conditions.add("id > :afterId");
      params.put("afterId", afterId);
    }
    if (filter.namePattern() != null) {
      conditions.add("LOWER(name) LIKE :namePattern ESCAPE '!'");
      params.put("namePattern", filter.namePattern());
    }
    if (filter.minCents() != null || filter.maxCents() != null) {
      // Filter prices are in euros; products in another currency never match a price range.
      conditions.add("currency = :currency");
      params.put("currency", Money.EUR);
    }
    if (filter.minCents() != null) {
      conditions.add("price_cents >= :minCents");
      params.put("minCents", filter.minCents());
    }
    if (filter.maxCents() != null) {
      conditions.add("price_cents <= :maxCents");
      params.put("maxCents", filter.maxCents());
    }
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM product");
    if (!conditions.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", conditions));
    }
    sql.append(" ORDER BY id LIMIT :limit");
    params.put("limit", limit);
    return db.sql(sql.toString()).bindValues(params).map(ProductRepository::map).all();
  }

  /** The number of products. */
  public Mono<Long> count() {
    return db.sql("SELECT COUNT(*) AS n FROM product")
        .map(row -> ((Number) row.get("n")).longValue())
        .one();
  }

  /** Inserts products (seeding); emits the number of rows written. */
  public Mono<Long> insertAll(List<Product> products) {
    return Flux.fromIterable(products)
        .concatMap(
            p ->
                db.sql(
                        "INSERT INTO product ("
                            + COLUMNS
                            + ") VALUES (:id, :sku, :name, :description, :priceCents, :currency,"
                            + " :barcode, :weightGrams, :lengthMm, :widthMm, :heightMm)")
                    .bind("id", p.id())
                    .bind("sku", p.sku())
                    .bind("name", p.name())
                    .bind("description", Parameters.in(R2dbcType.VARCHAR, p.description()))
                    .bind("priceCents", p.priceCents())
                    .bind("currency", p.currency())
                    .bind("barcode", p.barcode())
                    .bind("weightGrams", p.weightGrams())
                    .bind("lengthMm", p.lengthMm())
                    .bind("widthMm", p.widthMm())
                    .bind("heightMm", p.heightMm())
                    .fetch()
                    .rowsUpdated())
        .reduce(0L, Long::sum);
  }

  static Product map(Readable row) {
    return new Product(
        row.get("id", String.class),
        row.get("sku", String.class),
        row.get("name", String.class),
        row.get("description", String.class),
        ((Number) row.get("price_cents")).longValue(),
        row.get("currency", String.class),
        row.get("barcode", String.class),
        ((Number) row.get("weight_grams")).intValue(),
        ((Number) row.get("length_mm")).intValue(),
        ((Number) row.get("width_mm")).intValue(),
        ((Number) row.get("height_mm")).intValue());
  }
}
