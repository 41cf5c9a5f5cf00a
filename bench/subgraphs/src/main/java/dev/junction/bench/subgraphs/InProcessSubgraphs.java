package dev.junction.bench.subgraphs;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import graphql.ExecutionResult;
import graphql.GraphQL;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The benchmark subgraphs without HTTP, for microbenchmarks of the gateway's own work: each
 * subgraph as a function from a GraphQL request body to its response body, exactly what {@code
 * bench-servers subgraphs} answers over HTTP.
 */
public final class InProcessSubgraphs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private InProcessSubgraphs() {}

  /** Subgraph name to handler, over the benchmark's data.json. */
  public static Map<String, Function<byte[], byte[]>> load(Path dataJson) {
    Map<String, GraphQL> engines;
    try {
      engines = new Schemas(BenchData.load(dataJson)).subgraphs();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Function<byte[], byte[]>> out = new LinkedHashMap<>();
    engines.forEach((name, engine) -> out.put(name, body -> execute(engine, body)));
    return out;
  }

  private static byte[] execute(GraphQL engine, byte[] body) {
    try {
      Map<String, Object> request = JSON.readValue(body, new TypeReference<>() {});
      ExecutionResult result = BenchServer.execute(engine, (String) request.get("query"), request);
      return JSON.writeValueAsBytes(result.toSpecification());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
