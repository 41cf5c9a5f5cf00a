package dev.junction.accounts.loyalty;

import java.time.OffsetDateTime;

/** One line of a customer's loyalty ledger: positive for a credit, negative for a revocation. */
public record LoyaltyEntry(
    String id, String customerId, int points, String reason, OffsetDateTime createdAt) {}
