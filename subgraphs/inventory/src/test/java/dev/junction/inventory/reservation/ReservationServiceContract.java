package dev.junction.inventory.reservation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.inventory.InventoryIntegrationTest;
import dev.junction.subgraph.common.error.SubgraphException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.test.StepVerifier;

/** Reservation semantics that must hold on H2 and on PostgreSQL alike. */
abstract class ReservationServiceContract extends InventoryIntegrationTest {
  @Autowired ReservationService service;
  @Autowired ReservationRepository reservations;

  @Test
  void allocatesGreedilyFromTheFullestWarehouses() {
    String p = stockedProduct(3, 8, 5);
    String order = newOrderId();
    StepVerifier.create(service.reserve(order, List.of(new StockLine(p, 11))))
        .expectNext(
            new Reservation(
                order,
                ReservationStatus.RESERVED,
                List.of(new ReservedLine(p, "wh-ber", 8), new ReservedLine(p, "wh-lyo", 3))))
        .verifyComplete();
    assertThat(reservedOf(p)).isEqualTo(11);
    StepVerifier.create(reservations.findByOrderId(order).map(Reservation::lines))
        .expectNext(List.of(new ReservedLine(p, "wh-ber", 8), new ReservedLine(p, "wh-lyo", 3)))
        .verifyComplete();
  }

  @Test
  void reservesSeveralProductsAndMergesRepeatedLines() {
    String a = stockedProduct(4);
    String b = stockedProduct(0, 2);
    String order = newOrderId();
    StepVerifier.create(
            service.reserve(
                order, List.of(new StockLine(b, 1), new StockLine(a, 2), new StockLine(b, 1))))
        .assertNext(
            r ->
                assertThat(r.lines())
                    .containsExactly(
                        new ReservedLine(a, "wh-ams", 2), new ReservedLine(b, "wh-ber", 2)))
        .verifyComplete();
    assertThat(reservedOf(a)).isEqualTo(2);
    assertThat(reservedOf(b)).isEqualTo(2);
  }

  @Test
  void insufficientStockWritesNothing() {
    String plenty = stockedProduct(50);
    String scarce = stockedProduct(1, 1);
    String order = newOrderId();
    StepVerifier.create(
            service.reserve(order, List.of(new StockLine(plenty, 5), new StockLine(scarce, 3))))
        .expectErrorSatisfies(
            e -> {
              assertThat(e).isInstanceOf(SubgraphException.class);
              assertThat(((SubgraphException) e).code()).isEqualTo("INSUFFICIENT_STOCK");
              assertThat(e.getMessage())
                  .contains(scarce)
                  .contains("requested 3")
                  .contains("available 2");
            })
        .verify();
    assertThat(reservedOf(plenty)).isZero();
    assertThat(reservedOf(scarce)).isZero();
    assertThat(reservationRows(order)).isZero();
    StepVerifier.create(service.reserve(order, List.of(new StockLine("never-stocked", 1))))
        .expectErrorSatisfies(
            e -> assertThat(((SubgraphException) e).code()).isEqualTo("INSUFFICIENT_STOCK"))
        .verify();
  }

  @Test
  void repeatingAReservationHasNoSecondEffect() {
    String p = stockedProduct(10);
    String order = newOrderId();
    Reservation first = service.reserve(order, List.of(new StockLine(p, 4))).block();
    Reservation again = service.reserve(order, List.of(new StockLine(p, 4))).block();
    assertThat(again).isEqualTo(first);
    assertThat(reservedOf(p)).isEqualTo(4);
    assertThat(reservationRows(order)).isEqualTo(1);
    StepVerifier.create(service.reserve(order, List.of(new StockLine(p, 5))))
        .expectErrorSatisfies(e -> assertThat(((SubgraphException) e).code()).isEqualTo("CONFLICT"))
        .verify();
    assertThat(reservedOf(p)).isEqualTo(4);
  }

  @Test
  void releaseGivesUnitsBackOnce() {
    String p = stockedProduct(2, 2);
    String order = newOrderId();
    service.reserve(order, List.of(new StockLine(p, 3))).block();
    assertThat(reservedOf(p)).isEqualTo(3);
    StepVerifier.create(service.release(order))
        .assertNext(
            r -> {
              assertThat(r.status()).isEqualTo(ReservationStatus.RELEASED);
              assertThat(r.quantitiesByProduct()).containsEntry(p, 3);
            })
        .verifyComplete();
    assertThat(reservedOf(p)).isZero();
    StepVerifier.create(service.release(order).map(Reservation::status))
        .expectNext(ReservationStatus.RELEASED)
        .verifyComplete();
    assertThat(reservedOf(p)).isZero();
    assertThat(onHandOf(p)).isEqualTo(4);
    // Reserving a released order again returns the released reservation; nothing is re-reserved.
    StepVerifier.create(
            service.reserve(order, List.of(new StockLine(p, 3))).map(Reservation::status))
        .expectNext(ReservationStatus.RELEASED)
        .verifyComplete();
    assertThat(reservedOf(p)).isZero();
  }

  @Test
  void releasingAnUnknownOrderIsNotFound() {
    StepVerifier.create(service.release("ord-unknown"))
        .expectErrorSatisfies(
            e -> {
              assertThat(((SubgraphException) e).code()).isEqualTo("NOT_FOUND");
              assertThat(e.getMessage()).contains("ord-unknown");
            })
        .verify();
  }
}
