package dev.junction.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.DocumentContext;
import dev.junction.shipping.seed.ShipmentSeeder;
import dev.junction.shipping.shipment.Shipment;
import dev.junction.shipping.shipment.ShipmentRepository;
import dev.junction.shipping.shipment.ShipmentService;
import dev.junction.shipping.shipment.ShipmentStatus;
import dev.junction.subgraph.common.seed.SeedData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

/**
 * Persistence and batching behaviour that must hold on every supported database; one subclass per
 * database (H2, real PostgreSQL).
 */
abstract class ShipmentDatabaseContract extends ShippingIntegrationTest {
  @Autowired ShipmentService service;
  @Autowired org.springframework.r2dbc.core.DatabaseClient db;

  /** Removes the shipments the saga-mutation tests create (their order ids hold a UUID). */
  @org.junit.jupiter.api.AfterEach
  void removeSagaShipments() {
    db.sql("DELETE FROM shipment WHERE order_id LIKE 'ord-%-%'").then().block();
  }

  @Autowired ShipmentRepository repository;
  @Autowired TransactionalOperator tx;

  @Test
  void seedsTheDemoShipments() {
    List<SeedData.Shipment> seed = SeedData.shipments();
    StepVerifier.create(repository.count()).expectNext((long) seed.size()).verifyComplete();
    StepVerifier.create(
            repository.findByIds(seed.stream().map(SeedData.Shipment::id).toList()).collectList())
        .assertNext(
            found ->
                assertThat(found)
                    .containsExactlyInAnyOrderElementsOf(
                        seed.stream()
                            .map(
                                s ->
                                    new Shipment(
                                        s.id(),
                                        s.orderId(),
                                        ShipmentStatus.valueOf(s.status()),
                                        s.carrier(),
                                        s.trackingNumber()))
                            .toList()))
        .verifyComplete();
  }

  @Test
  void seedingAgainInsertsNothing() {
    StepVerifier.create(new ShipmentSeeder(repository, tx, true).seeded())
        .expectNext(0)
        .verifyComplete();
    StepVerifier.create(repository.count())
        .expectNext((long) SeedData.shipments().size())
        .verifyComplete();
  }

  @Test
  void findsShipmentsByOrderAndSkipsOrdersWithout() {
    StepVerifier.create(
            repository.findByOrderIds(List.of("ord-0001", "ord-0002", "ord-0003")).collectList())
        .assertNext(
            found ->
                // ord-0001 SHIPPED, ord-0002 CONFIRMED (not shipped), ord-0003 DELIVERED
                assertThat(found)
                    .extracting(Shipment::orderId)
                    .containsExactlyInAnyOrder("ord-0001", "ord-0003"))
        .verifyComplete();
  }

  @Test
  void aSecondShipmentForAnOrderIsRejected() {
    Shipment duplicate = new Shipment("shp-dup", "ord-0001", ShipmentStatus.PENDING, "DHL", null);
    StepVerifier.create(repository.insert(duplicate)).expectError().verify();
    StepVerifier.create(repository.findByIds(List.of("shp-dup"))).verifyComplete();
  }

  @Test
  void hundredOrderRepresentationsCostOneSelect() {
    List<Map<String, Object>> representations = new ArrayList<>();
    for (int k = 1; k <= 100; k++) {
      representations.add(Map.of("__typename", "Order", "id", SeedData.orderId(k)));
    }
    DocumentContext json =
        execute(
            "query($r: [_Any!]!) { _entities(representations: $r) { ... on Order {"
                + " id shipment { id status carrier trackingNumber order { id } } } } }",
            Map.of("r", representations));

    assertNoErrors(json);
    Map<String, SeedData.Shipment> byOrder =
        SeedData.shipments().stream().collect(Collectors.toMap(SeedData.Shipment::orderId, s -> s));
    for (int k = 1; k <= 100; k++) {
      String at = "$.data._entities[" + (k - 1) + "]";
      String orderId = SeedData.orderId(k);
      assertThat(json.<String>read(at + ".id")).isEqualTo(orderId);
      SeedData.Shipment seed = byOrder.get(orderId);
      if (seed == null) {
        assertThat(json.<Object>read(at + ".shipment")).as(orderId).isNull();
      } else {
        assertThat(json.<String>read(at + ".shipment.id")).isEqualTo(seed.id());
        assertThat(json.<String>read(at + ".shipment.status")).isEqualTo(seed.status());
        assertThat(json.<String>read(at + ".shipment.trackingNumber"))
            .isEqualTo(seed.trackingNumber());
        assertThat(json.<String>read(at + ".shipment.order.id")).isEqualTo(orderId);
      }
    }
    assertThat(byOrder.keySet())
        .isSubsetOf(Set.copyOf(representations.stream().map(r -> (String) r.get("id")).toList()));

    List<String> selects = statements.selects();
    assertThat(selects).hasSize(1);
    assertThat(selects.get(0)).containsIgnoringCase("FROM shipment WHERE order_id IN");
  }

  private static final String CREATE =
      "mutation($o: ID!, $a: String!) { createShipment(orderId: $o, address: $a) {"
          + " id status carrier trackingNumber order { id } } }";
  private static final String CANCEL =
      "mutation($o: ID!) { cancelShipment(orderId: $o) { id status } }";

  @Test
  void createShipmentIsIdempotentByOrder() {
    String order = "ord-" + UUID.randomUUID();
    DocumentContext first = execute(CREATE, Map.of("o", order, "a", "Damrak 1, Amsterdam"));
    DocumentContext second = execute(CREATE, Map.of("o", order, "a", "Damrak 1, Amsterdam"));
    assertNoErrors(first);
    assertNoErrors(second);
    assertThat(first.<String>read("$.data.createShipment.status")).isEqualTo("LABEL_CREATED");
    assertThat(first.<String>read("$.data.createShipment.trackingNumber")).startsWith("JD");
    assertThat(second.<String>read("$.data.createShipment.id"))
        .isEqualTo(first.<String>read("$.data.createShipment.id"));
  }

  @Test
  void racingCreatesMakeOneShipment() {
    String order = "ord-" + UUID.randomUUID();
    List<Shipment> created =
        Flux.range(0, 6)
            .flatMap(i -> service.create(order, "Damrak 1").subscribeOn(Schedulers.parallel()), 6)
            .collectList()
            .block();
    assertThat(created.stream().map(Shipment::id).distinct()).hasSize(1);
    StepVerifier.create(repository.findByOrderIds(List.of(order)).count())
        .expectNext(1L)
        .verifyComplete();
  }

  @Test
  void cancelBeforeCreateLeavesACancellationThatCreateRespects() {
    String order = "ord-" + UUID.randomUUID();
    DocumentContext cancelled = execute(CANCEL, Map.of("o", order));
    assertNoErrors(cancelled);
    assertThat(cancelled.<String>read("$.data.cancelShipment.status")).isEqualTo("CANCELLED");
    DocumentContext late = execute(CREATE, Map.of("o", order, "a", "Damrak 1"));
    assertThat(late.<String>read("$.data.createShipment.status")).isEqualTo("CANCELLED");
    DocumentContext again = execute(CANCEL, Map.of("o", order));
    assertThat(again.<String>read("$.data.cancelShipment.id"))
        .isEqualTo(cancelled.<String>read("$.data.cancelShipment.id"));
  }

  @Test
  void cancelAfterCreateCancelsButNotOnceShipped() {
    String order = "ord-" + UUID.randomUUID();
    execute(CREATE, Map.of("o", order, "a", "Damrak 1"));
    DocumentContext cancelled = execute(CANCEL, Map.of("o", order));
    assertThat(cancelled.<String>read("$.data.cancelShipment.status")).isEqualTo("CANCELLED");

    SeedData.Shipment inTransit =
        SeedData.shipments().stream()
            .filter(s -> s.status().equals("IN_TRANSIT"))
            .findFirst()
            .orElseThrow();
    DocumentContext refused = execute(CANCEL, Map.of("o", inTransit.orderId()));
    assertThat(refused.<String>read("$.errors[0].extensions.code"))
        .isEqualTo(ShipmentService.SHIPMENT_ALREADY_SHIPPED);
    assertThat(refused.<List<String>>read("$.errors[0].path")).containsExactly("cancelShipment");
  }

  @Test
  void blankAddressIsBadInput() {
    DocumentContext json = execute(CREATE, Map.of("o", "ord-x", "a", " "));
    assertThat(json.<String>read("$.errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
    assertThat(json.<List<String>>read("$.errors[0].path")).containsExactly("createShipment");
  }
}
