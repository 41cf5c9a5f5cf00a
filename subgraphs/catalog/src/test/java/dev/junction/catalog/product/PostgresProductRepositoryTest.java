package dev.junction.catalog.product;

import dev.junction.catalog.OnPostgres;

/** {@link ProductRepositoryContract} on real PostgreSQL. */
@OnPostgres
class PostgresProductRepositoryTest extends ProductRepositoryContract {}
