package dev.junction.inventory.reservation;

/** A requested line of a reservation: a quantity of one product, from any warehouse. */
public record StockLine(String productId, int quantity) {}
