package dev.junction.accounts.customer;

import java.time.OffsetDateTime;

/** A registered customer (the {@code Customer} entity). */
public record Customer(
    String id, String email, String name, CustomerTier tier, OffsetDateTime createdAt) {}
