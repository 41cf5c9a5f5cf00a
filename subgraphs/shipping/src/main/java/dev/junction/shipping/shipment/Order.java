package dev.junction.shipping.shipment;

/**
 * A reference to an order of the orders subgraph: shipping knows only its id and contributes {@code
 * Order.shipment}. The class name must match the GraphQL type name.
 */
public record Order(String id) {}
