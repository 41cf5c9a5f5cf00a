package dev.junction.accounts.loyalty;

/** The {@code Loyalty} object of a customer; its fields are resolved through DataLoaders. */
public record Loyalty(String customerId) {}
