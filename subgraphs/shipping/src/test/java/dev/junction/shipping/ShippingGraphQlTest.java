package dev.junction.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import dev.junction.subgraph.common.seed.SeedData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shipping schema through DGS: shipments, estimates from representations, errors. */
class ShippingGraphQlTest extends ShippingIntegrationTest {
  private static final String SHIPMENT =
      "query($id: ID!) { shipment(id: $id) { id status carrier trackingNumber"
          + " order { id shipment { id } } } }";

  private static final String ESTIMATE =
      "query($r: [_Any!]!, $to: String!) { _entities(representations: $r) {"
          + " ... on Product { id shippingEstimate(destination: $to) { amount currency } } } }";

  @Test
  void shipmentById() {
    SeedData.Shipment seed = SeedData.shipments().get(0);
    DocumentContext json = execute(SHIPMENT, Map.of("id", seed.id()));
    assertNoErrors(json);
    assertThat(json.<String>read("$.data.shipment.id")).isEqualTo(seed.id());
    assertThat(json.<String>read("$.data.shipment.status")).isEqualTo(seed.status());
    assertThat(json.<String>read("$.data.shipment.carrier")).isEqualTo(seed.carrier());
    assertThat(json.<String>read("$.data.shipment.trackingNumber"))
        .isEqualTo(seed.trackingNumber());
    assertThat(json.<String>read("$.data.shipment.order.id")).isEqualTo(seed.orderId());
    assertThat(json.<String>read("$.data.shipment.order.shipment.id")).isEqualTo(seed.id());
  }

  @Test
  void unknownShipmentIsNullWithNotFound() {
    DocumentContext json = execute(SHIPMENT, Map.of("id", "shp-9999"));
    assertThat(json.<Object>read("$.data.shipment")).isNull();
    assertThat(json.<String>read("$.errors[0].extensions.code")).isEqualTo("NOT_FOUND");
    assertThat(json.<List<Object>>read("$.errors[0].path")).containsExactly("shipment");
  }

  @Test
  void unknownShipmentRepresentationIsNullWithNotFound() {
    DocumentContext json =
        execute(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Shipment { id } } }",
            Map.of(
                "r",
                List.of(
                    Map.of("__typename", "Shipment", "id", "shp-0001"),
                    Map.of("__typename", "Shipment", "id", "shp-nope"))));
    assertThat(json.<String>read("$.data._entities[0].id")).isEqualTo("shp-0001");
    assertThat(json.<Object>read("$.data._entities[1]")).isNull();
    assertThat(json.<String>read("$.errors[0].extensions.code")).isEqualTo("NOT_FOUND");
    assertThat(json.<List<Object>>read("$.errors[0].path")).containsExactly("_entities", 1);
    assertThat(statements.selects()).hasSize(1);
  }

  @Test
  void estimatesComeFromTheRepresentationWithoutDatabaseAccess() {
    List<Map<String, Object>> reps =
        SeedData.products().subList(0, 20).stream().map(ShippingGraphQlTest::rep).toList();
    DocumentContext json = execute(ESTIMATE, Map.of("r", reps, "to", "DE"));
    assertNoErrors(json);
    // prod-001: 253 g beats 152 volumetric g; 8.95 + 2.10 * 0.253 = 9.4813
    assertThat(json.<String>read("$.data._entities[0].id")).isEqualTo("prod-001");
    assertThat(json.<String>read("$.data._entities[0].shippingEstimate.amount")).isEqualTo("9.48");
    assertThat(json.<String>read("$.data._entities[0].shippingEstimate.currency")).isEqualTo("EUR");
    assertThat(json.<List<String>>read("$.data._entities[*].shippingEstimate.amount"))
        .hasSize(20)
        .allSatisfy(a -> assertThat(a).matches("\\d+\\.\\d{2}"));
    assertThat(statements.statements()).isEmpty();
  }

  @Test
  void sameProductCostsMoreFurtherAway() {
    Map<String, Object> rep = rep(SeedData.products().get(4));
    String nl = estimate(rep, "NL");
    String fr = estimate(rep, "FR");
    String us = estimate(rep, "US");
    assertThat(Double.parseDouble(nl)).isLessThan(Double.parseDouble(fr));
    assertThat(Double.parseDouble(fr)).isLessThan(Double.parseDouble(us));
  }

  @Test
  void unknownDestinationIsBadUserInputAtTheField() {
    for (String bad : List.of("XX", "nl", "NLD")) {
      DocumentContext json =
          execute(ESTIMATE, Map.of("r", List.of(rep(SeedData.products().get(0))), "to", bad));
      assertThat(json.<Object>read("$.data._entities[0].shippingEstimate")).isNull();
      assertThat(json.<String>read("$.errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
      assertThat(json.<List<Object>>read("$.errors[0].path"))
          .containsExactly("_entities", 0, "shippingEstimate");
      assertThat(json.<String>read("$.errors[0].message")).contains(bad);
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void representationWithoutRequiredFieldsIsBadUserInputNamingTheField() {
    Map<String, Object> noWeight = new HashMap<>(rep(SeedData.products().get(0)));
    noWeight.remove("weightGrams");
    Map<String, Object> noHeight = new HashMap<>(rep(SeedData.products().get(1)));
    Map<String, Object> dims = new HashMap<>((Map<String, Object>) noHeight.get("dimensions"));
    dims.remove("heightMm");
    noHeight.put("dimensions", dims);
    Map<String, Object> complete = rep(SeedData.products().get(2));

    DocumentContext json =
        execute(ESTIMATE, Map.of("r", List.of(noWeight, noHeight, complete), "to", "NL"));
    assertThat(json.<Object>read("$.data._entities[0]")).isNull();
    assertThat(json.<Object>read("$.data._entities[1]")).isNull();
    assertThat(json.<String>read("$.data._entities[2].id")).isEqualTo("prod-003");
    List<Map<String, Object>> errors = json.read("$.errors");
    assertThat(errors).hasSize(2);
    assertThat(json.<List<String>>read("$.errors[*].extensions.code"))
        .containsOnly("BAD_USER_INPUT");
    assertThat(json.<List<Object>>read("$.errors[0].path")).containsExactly("_entities", 0);
    assertThat(json.<String>read("$.errors[0].message")).contains("missing weightGrams");
    assertThat(json.<List<Object>>read("$.errors[1].path")).containsExactly("_entities", 1);
    assertThat(json.<String>read("$.errors[1].message")).contains("missing dimensions.heightMm");
  }

  private String estimate(Map<String, Object> rep, String to) {
    DocumentContext json = execute(ESTIMATE, Map.of("r", List.of(rep), "to", to));
    assertNoErrors(json);
    return json.read("$.data._entities[0].shippingEstimate.amount");
  }

  static Map<String, Object> rep(SeedData.Product p) {
    return Map.of(
        "__typename",
        "Product",
        "id",
        p.id(),
        "weightGrams",
        p.weightGrams(),
        "dimensions",
        Map.of("lengthMm", p.lengthMm(), "widthMm", p.widthMm(), "heightMm", p.heightMm()));
  }
}
