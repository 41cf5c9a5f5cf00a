package dev.junction.inventory.stock;

import dev.junction.inventory.warehouse.Warehouse;

/** A product's stock in one warehouse. */
public record WarehouseStock(Warehouse warehouse, int available, int reserved) {}
