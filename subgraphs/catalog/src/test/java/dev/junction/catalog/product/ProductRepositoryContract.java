package dev.junction.catalog.product;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.catalog.CatalogIntegrationTest;
import dev.junction.subgraph.common.seed.SeedData;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.test.StepVerifier;

/** Repository behaviour that must hold on H2 and on PostgreSQL alike. */
abstract class ProductRepositoryContract extends CatalogIntegrationTest {
  @Autowired ProductRepository repository;

  @Test
  void seedsAllFiftyProductsOnce() {
    StepVerifier.create(repository.count()).expectNext(50L).verifyComplete();
    // Seeding again is a no-op because the table is not empty.
    StepVerifier.create(ProductSeeder.seed(repository)).expectNext(0L).verifyComplete();
    StepVerifier.create(repository.count()).expectNext(50L).verifyComplete();
  }

  @Test
  void findsByIdSkuAndBarcode() {
    SeedData.Product seed = SeedData.products().get(4);
    StepVerifier.create(repository.findById(seed.id()))
        .assertNext(
            p -> {
              assertThat(p.sku()).isEqualTo(seed.sku());
              assertThat(p.name()).isEqualTo(seed.name());
              assertThat(p.priceCents()).isEqualTo(seed.priceCents());
              assertThat(p.currency()).isEqualTo("EUR");
              assertThat(p.dimensions())
                  .isEqualTo(new Dimensions(seed.lengthMm(), seed.widthMm(), seed.heightMm()));
            })
        .verifyComplete();
    StepVerifier.create(repository.findBySku(seed.sku()).map(Product::id))
        .expectNext(seed.id())
        .verifyComplete();
    StepVerifier.create(repository.findByBarcode(seed.barcode()).map(Product::id))
        .expectNext(seed.id())
        .verifyComplete();
    StepVerifier.create(repository.findById("prod-999")).verifyComplete();
  }

  @Test
  void batchLookupsSkipUnknownKeys() {
    StepVerifier.create(
            repository.findAllById(List.of("prod-001", "prod-002", "nope")).map(Product::id).sort())
        .expectNext("prod-001", "prod-002")
        .verifyComplete();
    String sku = SeedData.products().get(9).sku();
    StepVerifier.create(repository.findAllBySku(List.of(sku, "JX-00000")).map(Product::id))
        .expectNext("prod-010")
        .verifyComplete();
    StepVerifier.create(repository.findAllById(List.of())).verifyComplete();
  }

  @Test
  void pagesByIdAfterTheCursorKey() {
    StepVerifier.create(repository.page("prod-010", 3, ProductFilter.NONE).map(Product::id))
        .expectNext("prod-011", "prod-012", "prod-013")
        .verifyComplete();
    StepVerifier.create(repository.page("prod-049", 5, ProductFilter.NONE).map(Product::id))
        .expectNext("prod-050")
        .verifyComplete();
  }

  @Test
  void filtersByNameCaseInsensitivelyAndTreatsWildcardsLiterally() {
    List<String> expected =
        SeedData.products().stream()
            .filter(p -> p.name().toLowerCase().contains("pad"))
            .map(SeedData.Product::id)
            .toList();
    assertThat(expected).isNotEmpty();
    StepVerifier.create(
            repository
                .page(null, 100, new ProductFilter("PaD", null, null))
                .map(Product::id)
                .collectList())
        .expectNext(expected)
        .verifyComplete();
    StepVerifier.create(repository.page(null, 100, new ProductFilter("%", null, null)))
        .verifyComplete();
    StepVerifier.create(repository.page(null, 100, new ProductFilter("_", null, null)))
        .verifyComplete();
  }

  @Test
  void filtersByInclusivePriceRangeInEuros() {
    BigDecimal min = new BigDecimal("50.00");
    BigDecimal max = new BigDecimal("120.50");
    List<String> expected =
        SeedData.products().stream()
            .filter(p -> p.priceCents() >= 5000 && p.priceCents() <= 12050)
            .map(SeedData.Product::id)
            .toList();
    assertThat(expected).hasSizeGreaterThan(2);
    StepVerifier.create(
            repository
                .page(null, 100, new ProductFilter(null, min, max))
                .map(Product::id)
                .collectList())
        .expectNext(expected)
        .verifyComplete();
    long exact = SeedData.products().get(0).priceCents();
    BigDecimal euros = BigDecimal.valueOf(exact, 2);
    StepVerifier.create(
            repository
                .page(null, 100, new ProductFilter(null, euros, euros))
                .map(Product::priceCents)
                .collectList())
        .assertNext(prices -> assertThat(prices).isNotEmpty().allMatch(c -> c == exact))
        .verifyComplete();
  }
}
