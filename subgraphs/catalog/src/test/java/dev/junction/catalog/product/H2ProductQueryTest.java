package dev.junction.catalog.product;

/** {@link ProductQueryContract} on in-memory H2. */
class H2ProductQueryTest extends ProductQueryContract {}
