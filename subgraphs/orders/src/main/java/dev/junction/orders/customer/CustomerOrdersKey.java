package dev.junction.orders.customer;

import dev.junction.orders.order.OrderKeyset;

/**
 * The key of {@link CustomerOrdersLoader}: which customer, how many orders, after which one ({@code
 * null} for the first page).
 */
record CustomerOrdersKey(String customerId, int first, OrderKeyset after) {}
