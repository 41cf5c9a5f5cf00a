package dev.junction.inventory.reservation;

import dev.junction.inventory.OnPostgres;

/** {@link ReservationServiceContract} on real PostgreSQL. */
@OnPostgres
class PostgresReservationServiceTest extends ReservationServiceContract {}
