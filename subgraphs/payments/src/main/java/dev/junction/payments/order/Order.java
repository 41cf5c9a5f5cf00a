package dev.junction.payments.order;

/**
 * A reference to an order of the orders subgraph: the {@code Order} entity by its key. Named {@code
 * Order} because DGS resolves the {@code _Entity} type from the class name.
 */
public record Order(String id) {}
