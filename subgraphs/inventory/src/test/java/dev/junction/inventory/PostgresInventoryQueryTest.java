package dev.junction.inventory;

/** {@link InventoryQueryContract} on real PostgreSQL. */
@OnPostgres
class PostgresInventoryQueryTest extends InventoryQueryContract {}
