package dev.junction.orders.customer;

import java.util.List;

/** The {@code OrderConnection} GraphQL type: one page of a customer's orders. */
public record OrderConnection(List<OrderEdge> edges, PageInfo pageInfo) {}
