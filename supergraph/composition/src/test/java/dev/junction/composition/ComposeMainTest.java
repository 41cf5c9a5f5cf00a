package dev.junction.composition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.planner.supergraph.Supergraph;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code compose}/{@code verify} command line and the committed supergraph's freshness. */
class ComposeMainTest {

  private static final Path SUPERGRAPH_DIR = Path.of("").toAbsolutePath().resolve("..").normalize();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) throws Exception {
    return ComposeMain.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void committedSupergraphAndApiSchemaAreUpToDate() throws Exception {
    CompositionResult result =
        Composer.compose(SupergraphConfig.load(SUPERGRAPH_DIR.resolve("supergraph.yaml")));
    assertThat(result.errors()).isEmpty();
    ComposeMain.Outputs outputs = ComposeMain.Outputs.of(result.supergraphSdl());
    assertThat(outputs.staleFiles(SUPERGRAPH_DIR))
        .as(
            "supergraph/supergraph.graphql or supergraph/schema.graphql is stale with respect to"
                + " the subgraph SDL files; regenerate with: %s",
            ComposeMain.Outputs.REGENERATE)
        .isEmpty();
  }

  @Test
  void composeWritesBothFilesAndVerifyDetectsStaleness(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("a.graphql"),
        """
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
        type Query { product(id: ID!): Product }
        type Product @key(fields: "id") { id: ID! name: String }
        """);
    Files.writeString(
        dir.resolve("b.graphql"),
        """
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
        type Product @key(fields: "id") { id: ID! stock: Int }
        """);
    Path config = dir.resolve("supergraph.yaml");
    Files.writeString(
        config,
        """
        subgraphs:
          a:
            routing_url: http://localhost:1/graphql
            schema: a.graphql
          b:
            routing_url: http://localhost:2/graphql
            schema: b.graphql
        """);
    assertThat(run("verify", config.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("stale", "supergraph.graphql", "compose.sh");

    assertThat(run("compose", config.toString())).isEqualTo(0);
    String supergraph = Files.readString(dir.resolve("supergraph.graphql"));
    Supergraph parsed = Supergraph.parse(supergraph);
    assertThat(parsed.graphsResolving("Product", "stock")).containsExactly("b");
    assertThat(Files.readString(dir.resolve("schema.graphql")))
        .contains("type Product", "stock: Int")
        .doesNotContain("join__");
    assertThat(run("verify", config.toString())).isEqualTo(0);

    Files.writeString(
        dir.resolve("b.graphql"),
        Files.readString(dir.resolve("b.graphql")).replace("stock: Int", "stock: Int!"));
    assertThat(run("verify", config.toString())).isEqualTo(1);
  }

  @Test
  void compositionErrorsAreReportedWithExitCodeOne(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("a.graphql"),
        """
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
        type Query { product(id: ID!): Product }
        type Product @key(fields: "id") { id: ID! name: String }
        """);
    Files.writeString(
        dir.resolve("b.graphql"),
        """
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
        type Product @key(fields: "id") { id: ID! name: String }
        """);
    Path config = dir.resolve("supergraph.yaml");
    Files.writeString(
        config,
        "subgraphs:\n  a: {routing_url: 'http://a/graphql', schema: a.graphql}\n"
            + "  b: {routing_url: 'http://b/graphql', schema: b.graphql}\n");
    assertThat(run("compose", config.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("INVALID_FIELD_SHARING", "Product.name", "@shareable");
    assertThat(Files.exists(dir.resolve("supergraph.graphql"))).isFalse();
    assertThat(run("bogus")).isEqualTo(2);
  }

  @Test
  void checkFailsOnUnacknowledgedBreakingChangeAndNamesOperations(@TempDir Path dir)
      throws Exception {
    Files.writeString(
        dir.resolve("a.graphql"),
        """
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
        type Query { product(id: ID!): Product }
        type Product @key(fields: "id") { id: ID! name: String legacyCode: String }
        """);
    Path config = dir.resolve("supergraph.yaml");
    Files.writeString(
        config, "subgraphs:\n  a: {routing_url: 'http://a/graphql', schema: a.graphql}\n");
    Path ops = Files.createDirectories(dir.resolve("ops"));
    Files.writeString(
        ops.resolve("legacy.graphql"), "query Legacy { product(id: 1) { legacyCode } }");
    Files.writeString(ops.resolve("names.graphql"), "query Names { product(id: 1) { name } }");
    assertThat(run("compose", config.toString())).isEqualTo(0);
    assertThat(run("check", config.toString(), "--operations", ops.toString())).isEqualTo(0);

    Files.writeString(
        dir.resolve("a.graphql"),
        Files.readString(dir.resolve("a.graphql")).replace(" legacyCode: String", ""));
    out.reset();
    assertThat(run("check", config.toString(), "--operations", ops.toString())).isEqualTo(1);
    assertThat(out.toString())
        .contains("FIELD_REMOVED", "Product.legacyCode", "Legacy")
        .doesNotContain("Names");
    out.reset();
    assertThat(run("check", config.toString(), "--format", "json")).isEqualTo(1);
    assertThat(out.toString()).startsWith("{\"passed\":false");
    out.reset();
    assertThat(run("check", config.toString(), "--format", "markdown")).isEqualTo(1);
    assertThat(out.toString()).contains("| BREAKING | `FIELD_REMOVED` | `Product.legacyCode`");

    Files.writeString(
        dir.resolve("schema-acknowledgements.yaml"),
        "acknowledgements:\n  - rule: FIELD_REMOVED\n    coordinate: Product.legacyCode\n"
            + "    reason: Replaced by sku; no client uses it.\n");
    out.reset();
    assertThat(run("check", config.toString(), "--operations", ops.toString())).isEqualTo(0);
    assertThat(out.toString()).contains("acknowledged: Replaced by sku");
    assertThat(run("check", config.toString(), "--format", "yaml")).isEqualTo(2);
  }

  @Test
  void committedSchemaPassesTheCheckAgainstItself() throws Exception {
    assertThat(run("check", SUPERGRAPH_DIR.resolve("supergraph.yaml").toString()))
        .as(err.toString())
        .isEqualTo(0);
    assertThat(out.toString()).contains("PASSED");
  }

  @Test
  void composeRefusesToReplaceTheBaselineWithAnUnacknowledgedBreakingChange(@TempDir Path dir)
      throws Exception {
    Files.writeString(
        dir.resolve("a.graphql"),
        """
        extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
        type Query { product(id: ID!): Product }
        type Product @key(fields: "id") { id: ID! name: String legacyCode: String }
        """);
    Path config = dir.resolve("supergraph.yaml");
    Files.writeString(
        config, "subgraphs:\n  a: {routing_url: 'http://a/graphql', schema: a.graphql}\n");
    assertThat(run("compose", config.toString())).isEqualTo(0);
    String baseline = Files.readString(dir.resolve("schema.graphql"));

    // a breaking change: the field disappears
    Files.writeString(
        dir.resolve("a.graphql"),
        Files.readString(dir.resolve("a.graphql")).replace(" legacyCode: String", ""));
    assertThat(run("compose", config.toString())).isEqualTo(1);
    assertThat(err.toString()).contains("Product.legacyCode", "compose refused");
    assertThat(Files.readString(dir.resolve("schema.graphql"))).isEqualTo(baseline);

    // acknowledged with a reason: the new baseline is written
    Files.writeString(
        dir.resolve("schema-acknowledgements.yaml"),
        "acknowledgements:\n  - rule: FIELD_REMOVED\n    coordinate: Product.legacyCode\n"
            + "    reason: replaced by sku; no client uses it\n");
    assertThat(run("compose", config.toString())).isEqualTo(0);
    assertThat(Files.readString(dir.resolve("schema.graphql"))).doesNotContain("legacyCode");
  }
}
