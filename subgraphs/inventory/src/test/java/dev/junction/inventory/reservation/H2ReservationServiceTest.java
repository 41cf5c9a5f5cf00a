package dev.junction.inventory.reservation;

/** {@link ReservationServiceContract} on in-memory H2. */
class H2ReservationServiceTest extends ReservationServiceContract {}
