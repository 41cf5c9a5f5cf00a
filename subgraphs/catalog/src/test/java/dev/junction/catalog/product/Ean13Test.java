package dev.junction.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.subgraph.common.error.SubgraphException;
import dev.junction.subgraph.common.seed.SeedData;
import org.junit.jupiter.api.Test;

class Ean13Test {
  @Test
  void acceptsEverySeededBarcodeAndAKnownRealOne() {
    SeedData.products()
        .forEach(p -> assertThat(Ean13.requireValid(p.barcode())).isEqualTo(p.barcode()));
    assertThat(Ean13.requireValid("4006381333931")).isEqualTo("4006381333931");
  }

  @Test
  void checkDigitAgreesWithSeedData() {
    for (String twelve : new String[] {"400638133393", "000000000000", "999999999999"}) {
      assertThat(twelve + Ean13.checkDigit(twelve)).isEqualTo(SeedData.ean13(twelve));
    }
  }

  @Test
  void rejectsWithAReason() {
    assertThatThrownBy(() -> Ean13.requireValid("400638133393"))
        .isInstanceOf(SubgraphException.class)
        .hasMessageContaining("13 digits, got 12");
    assertThatThrownBy(() -> Ean13.requireValid("40063813339 1"))
        .hasMessageContaining("only digits")
        .hasMessageContaining("position 12");
    assertThatThrownBy(() -> Ean13.requireValid("4006381333932"))
        .hasMessageContaining("check digit is 2 but should be 1");
    assertThatThrownBy(() -> Ean13.requireValid(null)).hasMessageContaining("13 digits");
  }
}
