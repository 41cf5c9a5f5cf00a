package dev.junction.shipping.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.subgraph.common.error.SubgraphException;
import dev.junction.subgraph.common.money.Money;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Pricing, zones and representation parsing, without Spring. Expected values computed by hand. */
class ShippingRatesTest {
  // prod-001 of the seed: 253 g, 137 x 113 x 49 mm = 758,569 mm³ -> 151.7 -> 152 volumetric grams
  private static final Product SHOE = new Product("prod-001", 253, new Dimensions(137, 113, 49));
  // light but bulky: 500 g, 400 x 300 x 200 mm = 24,000,000 mm³ -> 4,800 volumetric grams
  private static final Product TENT = new Product("prod-x", 500, new Dimensions(400, 300, 200));

  @Test
  void volumetricWeightIsCubicMillimetresOverFiveThousandRoundedUp() {
    assertThat(ShippingRates.volumetricGrams(new Dimensions(10, 10, 50))).isEqualTo(1); // 5000
    assertThat(ShippingRates.volumetricGrams(new Dimensions(10, 10, 10))).isEqualTo(1); // 0.2
    assertThat(ShippingRates.volumetricGrams(new Dimensions(1, 1, 5001))).isEqualTo(2);
    assertThat(ShippingRates.volumetricGrams(SHOE.dimensions())).isEqualTo(152);
    assertThat(ShippingRates.volumetricGrams(TENT.dimensions())).isEqualTo(4800);
  }

  @Test
  void billableWeightIsTheLargerOfActualAndVolumetric() {
    assertThat(ShippingRates.billableGrams(SHOE.weightGrams(), SHOE.dimensions())).isEqualTo(253);
    assertThat(ShippingRates.billableGrams(TENT.weightGrams(), TENT.dimensions())).isEqualTo(4800);
  }

  @ParameterizedTest
  @CsvSource({
    // actual weight wins: 253 g
    "NL, 5.18", // 4.95 + 0.90 * 0.253 = 5.1777
    "DE, 9.48", // 8.95 + 2.10 * 0.253 = 9.4813
    "BE, 9.48",
    "US, 23.37", // 21.50 + 7.40 * 0.253 = 23.3722
    "CH, 23.37", // Switzerland is not in the EU
  })
  void actualWeightPricing(String destination, String expected) {
    assertThat(ShippingRates.estimate(SHOE, destination))
        .isEqualTo(new Money(new BigDecimal(expected), "EUR"));
  }

  @ParameterizedTest
  @CsvSource({
    // volumetric weight wins: 4.8 kg
    "NL, 9.27", // 4.95 + 0.90 * 4.8
    "FR, 19.03", // 8.95 + 2.10 * 4.8
    "JP, 57.02", // 21.50 + 7.40 * 4.8
  })
  void volumetricWeightPricing(String destination, String expected) {
    assertThat(ShippingRates.estimate(TENT, destination).amount()).isEqualByComparingTo(expected);
  }

  @Test
  void amountsRoundHalfUpToCents() {
    // 125 g to the world zone: 21.50 + 7.40 * 0.125 = 22.425 -> 22.43 (half-even would give 22.42)
    Product light = new Product("p", 125, new Dimensions(10, 10, 10));
    Money price = ShippingRates.estimate(light, "US");
    assertThat(price.amount()).isEqualTo(new BigDecimal("22.43"));
    assertThat(price.currency()).isEqualTo("EUR");
  }

  @Test
  void zonesFollowTheRateTable() {
    assertThat(Destinations.zoneOf("NL")).isEqualTo(ShippingZone.DOMESTIC);
    for (String eu : new String[] {"DE", "BE", "FR", "AT", "PL", "SE", "IE", "CY", "MT"}) {
      assertThat(Destinations.zoneOf(eu)).as(eu).isEqualTo(ShippingZone.EU);
    }
    for (String world : new String[] {"GB", "CH", "NO", "US", "JP", "BR", "AU", "ZA"}) {
      assertThat(Destinations.zoneOf(world)).as(world).isEqualTo(ShippingZone.WORLD);
    }
    assertThat(Destinations.EU).hasSize(26).doesNotContain("NL");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nl", "XX", "ZZ", "NLD", "", "N1", "EU", " NL"})
  void unknownDestinationIsBadUserInput(String destination) {
    assertThatThrownBy(() -> ShippingRates.estimate(SHOE, destination))
        .isInstanceOfSatisfying(
            SubgraphException.class, e -> assertThat(e.code()).isEqualTo("BAD_USER_INPUT"))
        .hasMessageContaining("ISO 3166-1 alpha-2");
  }

  @Test
  void representationWithAllRequiredFieldsParses() {
    Product p =
        ProductRepresentation.parse(
            Map.of(
                "__typename",
                "Product",
                "id",
                "prod-001",
                "weightGrams",
                253L,
                "dimensions",
                Map.of("lengthMm", 137, "widthMm", 113.0, "heightMm", 49)));
    assertThat(p).isEqualTo(SHOE);
  }

  @ParameterizedTest
  @CsvSource({
    "weightGrams, weightGrams",
    "dimensions, dimensions",
    "lengthMm, dimensions.lengthMm",
    "heightMm, dimensions.heightMm",
  })
  void missingRequiredFieldIsNamed(String drop, String named) {
    Map<String, Object> dims = new HashMap<>(Map.of("lengthMm", 1, "widthMm", 2, "heightMm", 3));
    Map<String, Object> rep =
        new HashMap<>(Map.of("id", "prod-001", "weightGrams", 10, "dimensions", dims));
    rep.remove(drop);
    dims.remove(drop);
    assertThatThrownBy(() -> ProductRepresentation.parse(rep))
        .isInstanceOfSatisfying(
            SubgraphException.class, e -> assertThat(e.code()).isEqualTo("BAD_USER_INPUT"))
        .hasMessageContaining("is missing " + named + " (");
  }

  @Test
  void malformedFieldsAreBadUserInput() {
    Map<String, Object> dims = Map.of("lengthMm", 1, "widthMm", 2, "heightMm", 3);
    for (Object weight : new Object[] {-5, 0, "250", 12.5, 1L << 40}) {
      assertThatThrownBy(
              () ->
                  ProductRepresentation.parse(
                      Map.of("id", "p", "weightGrams", weight, "dimensions", dims)))
          .as(String.valueOf(weight))
          .isInstanceOf(SubgraphException.class)
          .hasMessageContaining("weightGrams must be a positive integer");
    }
    assertThatThrownBy(
            () ->
                ProductRepresentation.parse(
                    Map.of("id", "p", "weightGrams", 1, "dimensions", "big")))
        .hasMessageContaining("dimensions must be an object");
    assertThatThrownBy(() -> ProductRepresentation.parse(Map.of("weightGrams", 1)))
        .hasMessageContaining("non-empty string id");
  }
}
