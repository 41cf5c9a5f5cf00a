package dev.junction.accounts.customer;

/** The loyalty tier of a customer. */
public enum CustomerTier {
  BRONZE,
  SILVER,
  GOLD,
  PLATINUM
}
