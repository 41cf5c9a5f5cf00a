package dev.junction.orders.customer;

import dev.junction.orders.order.Order;

/** The {@code OrderEdge} GraphQL type. */
public record OrderEdge(String cursor, Order node) {}
