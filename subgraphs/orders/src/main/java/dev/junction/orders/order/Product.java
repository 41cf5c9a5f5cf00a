package dev.junction.orders.order;

/**
 * The {@code Product} entity as orders knows it: the id and the name snapshot taken when the order
 * was placed ({@code @provides(fields: "name")} on {@code OrderLine.product}).
 */
public record Product(String id, String name) {}
