package dev.junction.orders;

/** The database contract on the default in-memory H2. */
class H2OrdersDatabaseTest extends OrdersDatabaseContract {}
