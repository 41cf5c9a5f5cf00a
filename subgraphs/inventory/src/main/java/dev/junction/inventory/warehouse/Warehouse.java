package dev.junction.inventory.warehouse;

/** A warehouse that holds stock (the {@code Warehouse} entity). */
public record Warehouse(String id, String name, String city) {}
