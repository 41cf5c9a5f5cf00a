package dev.junction.gateway.execution.cost;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.execution.PreparedOperation;
import dev.junction.gateway.execution.cost.OperationCost.CostException;
import dev.junction.gateway.execution.cost.OperationCostTest.Costing;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What demand control adds to a request whose operation is already prepared and compiled: {@link
 * DemandControl#check} (look-up, evaluation, metric). Printed in microseconds; the bound is loose
 * (a shared two-core machine), the numbers are in the report.
 */
class CostOverheadTest {
  private static final int WARM_UP = 20_000;
  private static final int RUNS = 100_000;

  private static final int ROUNDS = 5;

  /** The best of {@link #ROUNDS} rounds (other work on the machine only adds). */
  private static double microsPerCheck(
      DemandControl control, PreparedOperation p, Map<String, Object> variables) {
    double best = Double.MAX_VALUE;
    for (int r = 0; r < ROUNDS; r++) {
      best = Math.min(best, checkRound(control, p, variables));
    }
    return best;
  }

  private static double checkRound(
      DemandControl control, PreparedOperation p, Map<String, Object> variables) {
    long sink = 0;
    for (int i = 0; i < WARM_UP; i++) {
      sink += control.check(p, variables, null).estimated();
    }
    long start = System.nanoTime();
    for (int i = 0; i < RUNS; i++) {
      sink += control.check(p, variables, null).estimated();
    }
    double micros = (System.nanoTime() - start) / 1000.0 / RUNS;
    assertThat(sink).isNotZero();
    return micros;
  }

  private static double microsPerEvaluation(OperationCost cost, Map<String, Object> variables)
      throws CostException {
    double best = Double.MAX_VALUE;
    for (int r = 0; r < ROUNDS; r++) {
      best = Math.min(best, evaluationRound(cost, variables));
    }
    return best;
  }

  private static double evaluationRound(OperationCost cost, Map<String, Object> variables)
      throws CostException {
    long sink = 0;
    for (int i = 0; i < WARM_UP; i++) {
      sink += cost.evaluate(variables, true);
    }
    long start = System.nanoTime();
    for (int i = 0; i < RUNS; i++) {
      sink += cost.evaluate(variables, true);
    }
    double micros = (System.nanoTime() - start) / 1000.0 / RUNS;
    assertThat(sink).isNotZero();
    return micros;
  }

  @Test
  void aCheckCostsAboutAMicrosecond() throws CostException {
    Costing real = new Costing(OperationCostTest.read("../supergraph.graphql"), 10);
    String readme =
        "{ customer(id: \"cust-004\") { name loyalty { points } orders(first: 5) { edges { node {"
            + " id status total { amount currency } lines { quantity product { name stock {"
            + " available } shippingEstimate(destination: \"DE\") { amount } } } payment { status }"
            + " shipment { carrier trackingNumber } } } } } }";
    PreparedOperation staticOp = real.prepare(readme);
    assertThat(real.control.cost(staticOp).dynamic()).isFalse();

    Costing shop = new Costing(OperationCostTest.SDL, 10);
    String sliced =
        "query Q($n: Int, $f: Filter, $s: Boolean!) { connection(first: $n) { edges { node {"
            + " chapters { notes { text } } heavy @skip(if: $s) { id } } } } "
            + "filtered(filter: $f) { ...B } } fragment B on Book { chapters { title } }";
    PreparedOperation dynamicOp = shop.prepare(sliced);
    assertThat(shop.control.cost(dynamicOp).dynamic()).isTrue();
    Map<String, Object> vars = Map.of("n", 5, "f", Map.of("max", 3, "costly", 1), "s", false);

    double staticMicros = microsPerCheck(real.control, staticOp, Map.of());
    double dynamicMicros = microsPerCheck(shop.control, dynamicOp, vars);
    double evaluation = microsPerEvaluation(shop.control.cost(dynamicOp), vars);
    dynamicMicros = Math.min(dynamicMicros, microsPerCheck(shop.control, dynamicOp, vars));
    staticMicros = Math.min(staticMicros, microsPerCheck(real.control, staticOp, Map.of()));
    System.out.printf(
        "demand control check: static operation %.3f us, variable-dependent operation %.3f us"
            + " (its evaluation alone %.3f us)%n",
        staticMicros, dynamicMicros, evaluation);
    CostSchema schema =
        CostSchema.of(real.supergraph.schema(), real.supergraph.apiSchema().schema());
    double compileMicros = Double.MAX_VALUE;
    for (int i = 0; i < 20_000; i++) {
      long start = System.nanoTime();
      OperationCost.compile(schema, staticOp.operation(), staticOp.fragments(), 10);
      compileMicros = Math.min(compileMicros, (System.nanoTime() - start) / 1000.0);
    }
    System.out.printf("demand control compile of the README query: %.3f us%n", compileMicros);
    assertThat(compileMicros).isLessThan(1000);
    assertThat(staticMicros).isLessThan(50);
    assertThat(dynamicMicros).isLessThan(100);
  }
}
