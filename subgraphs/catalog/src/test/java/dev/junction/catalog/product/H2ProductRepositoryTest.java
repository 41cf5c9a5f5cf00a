package dev.junction.catalog.product;

/** {@link ProductRepositoryContract} on in-memory H2. */
class H2ProductRepositoryTest extends ProductRepositoryContract {}
