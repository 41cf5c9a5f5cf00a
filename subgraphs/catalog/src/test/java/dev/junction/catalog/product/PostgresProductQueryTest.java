package dev.junction.catalog.product;

import dev.junction.catalog.OnPostgres;

/** {@link ProductQueryContract} on real PostgreSQL. */
@OnPostgres
class PostgresProductQueryTest extends ProductQueryContract {}
