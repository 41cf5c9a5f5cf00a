package dev.junction.inventory.reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.inventory.stock.StockLevel;
import dev.junction.subgraph.common.error.SubgraphException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ReservationRulesTest {
  @Test
  void greedyAllocationPrefersFullestWarehousesAndSkipsEmptyOnes() {
    SortedMap<String, Integer> requested = new TreeMap<>();
    requested.put("p1", 7);
    requested.put("p2", 1);
    List<StockLevel> levels =
        List.of(
            new StockLevel("p1", "a", 4, 0),
            new StockLevel("p1", "b", 9, 4),
            new StockLevel("p1", "c", 6, 0),
            new StockLevel("p2", "a", 1, 1),
            new StockLevel("p2", "b", 1, 0));
    assertThat(ReservationService.allocate(requested, levels))
        .containsExactly(
            new ReservedLine("p1", "b", 1),
            new ReservedLine("p1", "c", 6),
            new ReservedLine("p2", "b", 1));
  }

  @Test
  void allocationFailsWithInsufficientStock() {
    SortedMap<String, Integer> requested = new TreeMap<>();
    requested.put("p1", 5);
    assertThatThrownBy(
            () -> ReservationService.allocate(requested, List.of(new StockLevel("p1", "a", 6, 2))))
        .isInstanceOfSatisfying(
            SubgraphException.class, e -> assertThat(e.code()).isEqualTo("INSUFFICIENT_STOCK"))
        .hasMessageContaining("requested 5, available 4");
  }

  @Test
  void validatesInput() {
    assertThatThrownBy(() -> ReservationService.validate("o", List.of()))
        .hasMessageContaining("at least one line");
    assertThatThrownBy(() -> ReservationService.validate("o", List.of(new StockLine("p", 0))))
        .hasMessageContaining("lines[0].quantity must be at least 1, got 0");
    assertThatThrownBy(
            () ->
                ReservationService.validate(
                    "o", List.of(new StockLine("p", 1), new StockLine("q", -2))))
        .hasMessageContaining("lines[1].quantity");
    assertThatThrownBy(() -> ReservationService.validate(" ", List.of(new StockLine("p", 1))))
        .hasMessageContaining("orderId");
    assertThatThrownBy(() -> ReservationService.validate("o", List.of(new StockLine("", 1))))
        .hasMessageContaining("productId");
    assertThatThrownBy(
            () -> ReservationService.validate("o".repeat(65), List.of(new StockLine("p", 1))))
        .hasMessageContaining("orderId must be at most 64");
    assertThatThrownBy(
            () -> ReservationService.validate("o", List.of(new StockLine("p".repeat(65), 1))))
        .hasMessageContaining("lines[0].productId must be at most 64");
    List<StockLine> many = new ArrayList<>();
    for (int i = 0; i <= ReservationService.MAX_LINES; i++) {
      many.add(new StockLine("p" + i, 1));
    }
    assertThatThrownBy(() -> ReservationService.validate("o", many))
        .hasMessageContaining("at most");
    assertThat(
            ReservationService.validate(
                "o", List.of(new StockLine("b", 1), new StockLine("a", 2), new StockLine("b", 3))))
        .containsExactly(Map.entry("a", 2), Map.entry("b", 4));
  }
}
