package dev.junction.inventory.stock;

/** {@link StockRepositoryContract} on in-memory H2. */
class H2StockRepositoryTest extends StockRepositoryContract {}
