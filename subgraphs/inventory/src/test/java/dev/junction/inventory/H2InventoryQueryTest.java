package dev.junction.inventory;

/** {@link InventoryQueryContract} on in-memory H2. */
class H2InventoryQueryTest extends InventoryQueryContract {}
