package dev.junction.client.generator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.planner.supergraph.Supergraph;
import graphql.schema.GraphQLSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OperationCompilerTest {
  static final GraphQLSchema API =
      ApiSchemas.fromSupergraph(Path.of("../../supergraph/supergraph.graphql"));

  private static List<CompiledOperation> compile(OperationCompiler.Source... sources) {
    return new OperationCompiler(API).compile(List.of(sources));
  }

  @Test
  void invalidOperationFailsWithFileLineColumnAndMessage() {
    assertThatThrownBy(
            () ->
                compile(
                    new OperationCompiler.Source(
                        "Bad.graphql", "query Bad {\n  products {\n    nope\n  }\n}\n")))
        .isInstanceOf(GenerationException.class)
        .hasMessageContaining("Bad.graphql:3:5: ")
        .hasMessageContaining("nope")
        .hasMessageContaining("ProductConnection");
  }

  @Test
  void wrongArgumentTypeAndMissingRequiredVariableAreReported() {
    assertThatThrownBy(
            () ->
                compile(
                    new OperationCompiler.Source(
                        "Args.graphql",
                        "query Args($b: Int) {\n  productByBarcode(barcode: $b) { id }\n}\n")))
        .isInstanceOf(GenerationException.class)
        .hasMessageContaining("Args.graphql:2:29: ");
  }

  @Test
  void syntaxErrorsAndAnonymousOperationsAreReported() {
    assertThatThrownBy(
            () ->
                compile(new OperationCompiler.Source("Syntax.graphql", "query X {\n  products {")))
        .isInstanceOf(GenerationException.class)
        .hasMessageContaining("Syntax.graphql:2:");
    assertThatThrownBy(
            () -> compile(new OperationCompiler.Source("Anon.graphql", "{ warehouses { id } }")))
        .hasMessageContaining("Anon.graphql:1:1: operations must be named");
  }

  @Test
  void fragmentsFromOtherFilesAreIncludedAndTheIdIsTheHashOfTheCompactPrint() {
    List<CompiledOperation> operations =
        compile(
            new OperationCompiler.Source("F.graphql", "fragment W on Warehouse { id city }"),
            new OperationCompiler.Source(
                "Q.graphql",
                "# comment\nquery Warehouses {\n  warehouses {\n    ...W\n    name\n  }\n}\n"));

    CompiledOperation operation = operations.get(0);
    assertThat(operation.text())
        .isEqualTo("query Warehouses{warehouses{...W name}} fragment W on Warehouse {id city}");
    assertThat(operation.id()).isEqualTo(OperationCompiler.sha256(operation.text())).hasSize(64);
    assertThat(operation.type()).isEqualTo("query");
  }

  @Test
  void thePlainApiSdlGivesTheSameOperationsAsTheSupergraph(@TempDir Path dir) throws Exception {
    Path sdl = dir.resolve("schema.graphql");
    Files.writeString(
        sdl,
        Supergraph.parse(Files.readString(Path.of("../../supergraph/supergraph.graphql")))
            .apiSchema()
            .sdl());
    List<OperationCompiler.Source> shipped = Generator.sources(Path.of("../operations"));

    List<CompiledOperation> fromSupergraph = new OperationCompiler(API).compile(shipped);
    List<CompiledOperation> fromSdl =
        new OperationCompiler(ApiSchemas.fromSdl(sdl)).compile(shipped);

    assertThat(fromSdl)
        .extracting(CompiledOperation::id)
        .containsExactlyElementsOf(fromSupergraph.stream().map(CompiledOperation::id).toList());
    assertThat(fromSupergraph)
        .extracting(CompiledOperation::name)
        .containsExactly(
            "BrowseProducts",
            "CustomerLoyalty",
            "CustomerWithOrders",
            "OrderStatus",
            "PlaceOrder",
            "ProductByBarcode",
            "RegisterCustomer",
            "StockChanged");
  }

  @Test
  void aDeferredFragmentBecomesAFutureAndANarrowerDeferredFragmentIsRefused() {
    CompiledOperation op =
        compile(
                new OperationCompiler.Source(
                    "D.graphql",
                    "query D($id: ID!) { customer(id: $id) { id"
                        + " ... @defer(label: \"pts\") { loyalty { points } } } }"))
            .get(0);
    String source = new Generator(API).javaSources(List.of(op), "x.y").get("x/y/DQuery.java");
    assertThat(source)
        .contains("CompletableFuture<dev.junction.client.GraphQLResult<PtsDeferred>> ptsDeferred")
        .contains("DeferredParts.fragment(node, path, \"pts\", PtsDeferred::fromJson)")
        .contains("public boolean incremental()");
    assertThat(source)
        .as("loyalty is only in the deferred record")
        .contains(
            "public record Customer(java.lang.String id, java.util.concurrent.CompletableFuture");

    CompiledOperation inlined =
        compile(
                new OperationCompiler.Source(
                    "E.graphql",
                    "query E($id: ID!) { customer(id: $id) { id"
                        + " ... @defer(if: false) { loyalty { points } } } }"))
            .get(0);
    assertThat(new Generator(API).javaSources(List.of(inlined), "x.y").get("x/y/EQuery.java"))
        .as("if: false is inlined by the server: a plain field")
        .doesNotContain("CompletableFuture")
        .contains("Loyalty loyalty");
  }
}
