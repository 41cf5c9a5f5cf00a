package dev.junction.payments;

import org.springframework.test.context.TestPropertySource;

/** The persistence contract on the embedded default, H2 in PostgreSQL mode. */
@TestPropertySource(
    properties =
        "spring.r2dbc.url=r2dbc:h2:mem:///payments_repo;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
            + "DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE")
class H2PaymentsPersistenceTest extends AbstractPaymentsPersistenceTest {}
