package dev.junction.shipping.estimate;

import dev.junction.subgraph.common.money.Money;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Shipping cost of one parcel, computed from the product alone (no database).
 *
 * <p>Carriers bill the larger of the actual weight and the volumetric weight. The volumetric weight
 * uses the common parcel-carrier divisor of 5000 cm³ per kg: {@code kg = L × W × H (cm) / 5000},
 * which in millimetres and grams is {@code grams = L × W × H (mm³) / 5000} (i.e. cm³ / 5), rounded
 * up to a whole gram. The price is {@code zone base + zone rate per kg × billable kg}, rounded half
 * up to cents, in EUR (see {@link ShippingZone} for the rate table).
 */
public final class ShippingRates {
  /** Cubic millimetres per volumetric gram (5000 cm³/kg = 5000 mm³/g). */
  public static final long VOLUMETRIC_DIVISOR_MM3_PER_GRAM = 5000;

  private static final BigDecimal GRAMS_PER_KG = BigDecimal.valueOf(1000);

  private ShippingRates() {}

  /** The volumetric weight in grams, rounded up. */
  public static long volumetricGrams(Dimensions dimensions) {
    long volume = dimensions.volumeMm3();
    return (volume + VOLUMETRIC_DIVISOR_MM3_PER_GRAM - 1) / VOLUMETRIC_DIVISOR_MM3_PER_GRAM;
  }

  /** The billable weight in grams: the larger of actual and volumetric weight. */
  public static long billableGrams(int weightGrams, Dimensions dimensions) {
    return Math.max(weightGrams, volumetricGrams(dimensions));
  }

  /** The price of shipping a product of this weight and size to a zone. */
  public static Money estimate(int weightGrams, Dimensions dimensions, ShippingZone zone) {
    BigDecimal kg =
        BigDecimal.valueOf(billableGrams(weightGrams, dimensions))
            .divide(GRAMS_PER_KG, 3, RoundingMode.UNNECESSARY);
    BigDecimal amount =
        zone.base().add(zone.perKg().multiply(kg)).setScale(2, RoundingMode.HALF_UP);
    return new Money(amount, Money.EUR);
  }

  /**
   * The price of shipping a product to a destination country.
   *
   * @throws dev.junction.subgraph.common.error.SubgraphException {@code BAD_USER_INPUT} for an
   *     unknown destination
   */
  public static Money estimate(Product product, String destination) {
    return estimate(product.weightGrams(), product.dimensions(), Destinations.zoneOf(destination));
  }
}
