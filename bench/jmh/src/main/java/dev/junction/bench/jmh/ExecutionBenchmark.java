package dev.junction.bench.jmh;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.bench.subgraphs.InProcessSubgraphs;
import dev.junction.gateway.GatewayResponse;
import dev.junction.gateway.HeaderPropagator;
import dev.junction.gateway.execution.ExecutionState;
import dev.junction.gateway.execution.JsonReader;
import dev.junction.gateway.execution.OperationPreparer;
import dev.junction.gateway.execution.PlanExecutor;
import dev.junction.gateway.execution.PreparedOperation;
import dev.junction.gateway.execution.SubgraphClient;
import dev.junction.gateway.execution.SubgraphFetcher;
import dev.junction.gateway.response.JsonWriter;
import dev.junction.gateway.response.ResponseShaper;
import dev.junction.planner.QueryPlanner;
import dev.junction.planner.supergraph.Supergraph;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLUnionType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
import reactor.core.publisher.Mono;

/**
 * The gateway's own work for the benchmark query, without HTTP: the plan executed against
 * in-process subgraphs whose answers are computed once and then served as bytes (as the memoizing
 * bench subgraphs do), so each fetch costs the gateway what it costs over HTTP minus the transport:
 * encoding the request (representations included), reading the response, finding entities,
 * de-duplicating representations and merging. {@code executeAndRespond} adds shaping and writing
 * the response body. The setup checks the body against expected-response.json.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExecutionBenchmark {
  private GraphQLSchema apiSchema;
  private PreparedOperation prepared;
  private PlanExecutor executor;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    Supergraph supergraph = Supergraph.parse(BenchFiles.read("supergraph.graphql"));
    apiSchema = supergraph.apiSchema().schema();
    prepared =
        new OperationPreparer(apiSchema, new QueryPlanner(supergraph))
            .prepare(BenchFiles.query(), "TestQuery");
    Map<String, Function<byte[], byte[]>> subgraphs =
        InProcessSubgraphs.load(BenchFiles.dir().resolve("data.json"));
    Map<String, SubgraphFetcher> fetchers = new HashMap<>();
    subgraphs.forEach((name, handler) -> fetchers.put(name, memoized(handler)));
    Set<String> abstractTypes = new HashSet<>();
    for (var t : supergraph.schema().getAllTypesAsList()) {
      if (t instanceof GraphQLInterfaceType || t instanceof GraphQLUnionType) {
        abstractTypes.add(t.getName());
      }
    }
    executor = new PlanExecutor(fetchers, HeaderPropagator.NONE, abstractTypes);
    Object expected =
        new ObjectMapper().readValue(BenchFiles.read("expected-response.json"), Object.class);
    Object actual = new ObjectMapper().readValue(executeAndRespond(), Object.class);
    if (!expected.equals(actual)) {
      throw new IllegalStateException("the in-process execution does not give the expected body");
    }
  }

  /** A fetcher answering each distinct request body with the subgraph's bytes, read afresh. */
  private static SubgraphFetcher memoized(Function<byte[], byte[]> handler) {
    Map<String, byte[]> answers = new ConcurrentHashMap<>();
    return (operation, variables, headers, mutation, deadline) -> {
      try {
        byte[] request = SubgraphClient.encode(operation, variables);
        byte[] response =
            answers.computeIfAbsent(
                new String(request, StandardCharsets.UTF_8), k -> handler.apply(request));
        @SuppressWarnings("unchecked")
        Map<String, Object> body = (Map<String, Object>) JsonReader.read(response);
        return Mono.just(new SubgraphClient.Result(body, null, null));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }

  private ExecutionState execute() {
    ExecutionState state = new ExecutionState(Map.of(), Map.of(), Map.of());
    executor.execute(prepared.plan().node(), state).block();
    return state;
  }

  /** Fetch (encode, read), find entities, represent, de-duplicate and merge. */
  @Benchmark
  public ExecutionState executeAndMerge() {
    return execute();
  }

  /** The above, then shape and write the response body: the whole request minus HTTP. */
  @Benchmark
  public byte[] executeAndRespond() {
    ExecutionState state = execute();
    List<Map<String, Object>> errors = new ArrayList<>(state.errors());
    JsonWriter out = JsonWriter.scratch();
    new ResponseShaper(apiSchema, prepared.fragments(), Map.of(), errors, prepared.selections())
        .writeRoot(
            state.data(), apiSchema.getQueryType(), prepared.operation().getSelectionSet(), out);
    return GatewayResponse.executedJson(out.buffer(), out.position(), errors, null).toJson();
  }
}
