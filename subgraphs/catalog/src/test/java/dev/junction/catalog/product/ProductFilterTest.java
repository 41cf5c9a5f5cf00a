package dev.junction.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.subgraph.common.error.SubgraphException;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ProductFilterTest {
  @Test
  void roundsPriceBoundsInwards() {
    ProductFilter f = new ProductFilter(null, new BigDecimal("9.991"), new BigDecimal("20.009"));
    assertThat(f.minCents()).isEqualTo(1000L);
    assertThat(f.maxCents()).isEqualTo(2000L);
  }

  @Test
  void escapesLikeWildcards() {
    assertThat(new ProductFilter("50%_Off!", null, null).namePattern()).isEqualTo("%50!%!_off!!%");
    assertThat(new ProductFilter("  ", null, null).namePattern()).isNull();
  }

  @Test
  void rejectsInvertedOrNegativeRanges() {
    assertThatThrownBy(() -> new ProductFilter(null, BigDecimal.TEN, BigDecimal.ONE))
        .isInstanceOf(SubgraphException.class)
        .hasMessageContaining("must not be greater");
    assertThatThrownBy(() -> new ProductFilter(null, null, new BigDecimal("-0.01")))
        .hasMessageContaining("maxPrice must not be negative");
    assertThat(new ProductFilter(null, BigDecimal.ONE, BigDecimal.ONE).minCents()).isEqualTo(100L);
  }
}
