package dev.junction.inventory.reservation;

/** Units of one product reserved in one warehouse. */
public record ReservedLine(String productId, String warehouseId, int quantity) {}
