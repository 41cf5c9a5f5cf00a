package dev.junction.shipping;

/** The database contract on the default in-memory H2. */
class H2ShipmentDatabaseTest extends ShipmentDatabaseContract {}
