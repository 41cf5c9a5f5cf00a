package dev.junction.accounts;

import org.springframework.test.context.TestPropertySource;

/** The persistence contract on the embedded default, H2 in PostgreSQL mode. */
@TestPropertySource(
    properties =
        "spring.r2dbc.url=r2dbc:h2:mem:///accounts_repo;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;"
            + "DATABASE_TO_LOWER=TRUE;CASE_INSENSITIVE_IDENTIFIERS=TRUE")
class H2AccountsPersistenceTest extends AbstractAccountsPersistenceTest {}
