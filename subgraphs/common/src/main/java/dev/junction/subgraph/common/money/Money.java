package dev.junction.subgraph.common.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * An amount of money in a currency: the {@code Money} GraphQL value type shared by several
 * subgraphs. Amounts are kept at two decimal places.
 */
public record Money(BigDecimal amount, String currency) {
  public static final String EUR = "EUR";

  public Money {
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(currency, "currency");
    amount = amount.setScale(2, RoundingMode.HALF_EVEN);
  }

  /** Money from a number of cents. */
  public static Money ofCents(long cents, String currency) {
    return new Money(BigDecimal.valueOf(cents, 2), currency);
  }

  /** The amount in cents. */
  public long cents() {
    return amount.movePointRight(2).longValueExact();
  }

  public Money times(int quantity) {
    return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
  }

  public Money plus(Money other) {
    if (!currency.equals(other.currency)) {
      throw new IllegalArgumentException(
          "currency mismatch: " + currency + " vs " + other.currency);
    }
    return new Money(amount.add(other.amount), currency);
  }
}
