package dev.junction.bench.jmh;

import dev.junction.gateway.execution.OperationPreparer;
import dev.junction.gateway.execution.PreparedOperation;
import dev.junction.planner.QueryPlanner;
import dev.junction.planner.plan.QueryPlan;
import dev.junction.planner.supergraph.Supergraph;
import graphql.language.Document;
import graphql.parser.Parser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Planning the Guild benchmark query (deep, with fragments, four subgraphs).
 *
 * <ul>
 *   <li>{@code planCold}: {@link QueryPlanner#plan} of a parsed document, no cache (what the first
 *       request of an operation costs, less parsing and validation);
 *   <li>{@code prepareCold}: parse + validate + plan through a fresh {@link OperationPreparer};
 *   <li>{@code prepareCached}: the gateway's per-request path once the operation is cached;
 *   <li>{@code parseSupergraph}: loading the supergraph (startup cost).
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PlanningBenchmark {
  private static final String OPERATION = "TestQuery";

  private String sdl;
  private String query;
  private Supergraph supergraph;
  private QueryPlanner planner;
  private Document document;
  private OperationPreparer warmPreparer;

  @Setup(Level.Trial)
  public void setUp() {
    sdl = BenchFiles.read("supergraph.graphql");
    query = BenchFiles.query();
    supergraph = Supergraph.parse(sdl);
    planner = new QueryPlanner(supergraph);
    document = Parser.parse(query);
    warmPreparer = new OperationPreparer(supergraph.apiSchema().schema(), planner);
    PreparedOperation first = warmPreparer.prepare(query, OPERATION);
    if (first.failed()) {
      throw new IllegalStateException("the benchmark query does not plan: " + first);
    }
  }

  @Benchmark
  public QueryPlan planCold() {
    return planner.plan(document, OPERATION);
  }

  @Benchmark
  public PreparedOperation prepareCold() {
    return new OperationPreparer(supergraph.apiSchema().schema(), planner)
        .prepare(query, OPERATION);
  }

  @Benchmark
  public PreparedOperation prepareCached() {
    return warmPreparer.prepare(query, OPERATION);
  }

  @Benchmark
  public Supergraph parseSupergraph() {
    return Supergraph.parse(sdl);
  }
}
