package dev.junction.orders.customer;

/**
 * A reference to a customer of the accounts subgraph: orders knows only its id and contributes
 * {@code Customer.orders}. The class name must match the GraphQL type name.
 */
public record Customer(String id) {}
