package dev.junction.orders.saga;

/**
 * The steps of the checkout saga, failure-prone first; the names are the {@code SagaStepName}
 * GraphQL enum values.
 */
public enum SagaStepName {
  CHECK_CUSTOMER(false),
  PRICE_ORDER(false),
  RESERVE_STOCK(true),
  CHARGE_PAYMENT(true),
  AWARD_POINTS(true),
  CREATE_SHIPMENT(true);

  private final boolean compensable;

  SagaStepName(boolean compensable) {
    this.compensable = compensable;
  }

  /** Whether the step has a remote effect that compensation undoes. */
  public boolean compensable() {
    return compensable;
  }
}
