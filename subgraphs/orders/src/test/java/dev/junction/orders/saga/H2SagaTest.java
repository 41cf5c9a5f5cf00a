package dev.junction.orders.saga;

import org.springframework.test.context.TestPropertySource;

/** The checkout saga on an in-memory H2 database of its own. */
@TestPropertySource(
    properties =
        "spring.r2dbc.url=r2dbc:h2:mem:///orders_saga;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
            + "DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE")
class H2SagaTest extends SagaContract {}
