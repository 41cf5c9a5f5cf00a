package dev.junction.inventory.stock;

import dev.junction.inventory.OnPostgres;

/** {@link StockRepositoryContract} on real PostgreSQL. */
@OnPostgres
class PostgresStockRepositoryTest extends StockRepositoryContract {}
