package dev.junction.orders.customer;

/** The {@code PageInfo} GraphQL type. */
public record PageInfo(boolean hasNextPage, String endCursor) {}
