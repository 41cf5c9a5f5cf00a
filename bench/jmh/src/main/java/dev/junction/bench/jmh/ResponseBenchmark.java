package dev.junction.bench.jmh;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.gateway.GatewayResponse;
import dev.junction.gateway.response.JsonWriter;
import dev.junction.gateway.response.ResponseShaper;
import dev.junction.gateway.response.SelectionCache;
import dev.junction.planner.supergraph.Supergraph;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The response path of the benchmark query over its merged data (the {@code data} of
 * expected-response.json, about 88 KB as JSON): {@link ResponseShaper} (selection, fragments, null
 * propagation) written straight into JSON bytes as the gateway does it ({@code shapeAndSerialize}),
 * and for comparison Jackson serialization of the same data as maps ({@code serializeOnly}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ResponseBenchmark {
  private GraphQLSchema apiSchema;
  private GraphQLObjectType queryType;
  private OperationDefinition operation;
  private Map<String, FragmentDefinition> fragments;
  private Map<String, Object> merged;
  private Map<String, Object> shaped;
  private SelectionCache selections;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    apiSchema = Supergraph.parse(BenchFiles.read("supergraph.graphql")).apiSchema().schema();
    queryType = apiSchema.getQueryType();
    Document document = Parser.parse(BenchFiles.query());
    fragments = new HashMap<>();
    for (FragmentDefinition fragment : document.getDefinitionsOfType(FragmentDefinition.class)) {
      fragments.put(fragment.getName(), fragment);
    }
    operation = document.getDefinitionsOfType(OperationDefinition.class).get(0);
    selections = SelectionCache.forDocument(document);
    Map<String, Object> expected =
        new ObjectMapper()
            .readValue(BenchFiles.read("expected-response.json"), new TypeReference<>() {});
    @SuppressWarnings("unchecked")
    Map<String, Object> data = (Map<String, Object>) expected.get("data");
    merged = data;
    List<Map<String, Object>> errors = new ArrayList<>();
    byte[] body = shapeAndSerialize(errors);
    Object written = new ObjectMapper().readValue(body, Map.class).get("data");
    if (!errors.isEmpty() || !merged.equals(written)) {
      throw new IllegalStateException("shaping the expected data changed it: " + errors);
    }
    shaped = merged;
  }

  /** Jackson serialization of already shaped maps (what the gateway did before it wrote JSON). */
  @Benchmark
  public byte[] serializeOnly() {
    return GatewayResponse.executed(shaped, List.of(), null).toJson();
  }

  /** What the gateway does per response: shape straight into JSON bytes, then the body. */
  @Benchmark
  public byte[] shapeAndSerialize() {
    return shapeAndSerialize(new ArrayList<>());
  }

  private byte[] shapeAndSerialize(List<Map<String, Object>> errors) {
    JsonWriter out = JsonWriter.scratch();
    new ResponseShaper(apiSchema, fragments, Map.of(), errors, selections)
        .writeRoot(merged, queryType, operation.getSelectionSet(), out);
    return GatewayResponse.executedJson(out.buffer(), out.position(), errors, null).toJson();
  }
}
