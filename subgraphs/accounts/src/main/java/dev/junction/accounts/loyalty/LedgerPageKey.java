package dev.junction.accounts.loyalty;

/** Which page of which customer's ledger to load: {@code size} entries after {@code after}. */
public record LedgerPageKey(String customerId, int size, LedgerCursor after) {}
