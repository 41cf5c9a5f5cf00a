package dev.junction.composition;

import dev.junction.planner.supergraph.Supergraph;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Command line: {@code compose <supergraph.yaml>} writes {@code supergraph.graphql} and the API
 * schema {@code schema.graphql} next to the config; {@code verify <supergraph.yaml>} only verifies
 * that both committed files are up to date; {@code check <supergraph.yaml>} classifies the changes
 * of the newly composed API schema against the committed one (see {@link SchemaCheckCommand}).
 */
public final class ComposeMain {

  private ComposeMain() {}

  /** Entry point; exits 1 on composition errors or stale files, 2 on usage errors. */
  public static void main(String[] args) {
    int code;
    try {
      code = run(args, System.out, System.err);
    } catch (IOException | RuntimeException e) {
      System.err.println("error: " + e.getMessage());
      code = 2;
    }
    System.exit(code);
  }

  /** Runs the command and returns the process exit code. */
  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    if (args.length >= 2 && args[0].equals("check")) {
      return SchemaCheckCommand.run(args, out, err);
    }
    if (args.length != 2 || !(args[0].equals("compose") || args[0].equals("verify"))) {
      err.println("usage: ComposeMain compose|verify <supergraph.yaml>");
      err.println(
          "       ComposeMain check <supergraph.yaml> [--operations <dir>]"
              + " [--format text|json|markdown]");
      return 2;
    }
    Path config = Path.of(args[1]);
    if (!Files.isRegularFile(config)) {
      err.println("no such file: " + config);
      return 2;
    }
    CompositionResult result = Composer.compose(SupergraphConfig.load(config));
    if (!result.succeeded()) {
      result.errors().forEach(err::println);
      err.println("composition failed with " + result.errors().size() + " error(s)");
      return 1;
    }
    Outputs outputs = Outputs.of(result.supergraphSdl());
    Path dir = config.toAbsolutePath().getParent();
    if (args[0].equals("compose")) {
      // The committed API schema is the baseline: replacing it with a breaking change needs an
      // acknowledgement, so that no breaking change reaches the build unacknowledged.
      Path committed = dir.resolve("schema.graphql");
      if (Files.isRegularFile(committed)) {
        dev.junction.composition.check.CheckReport report =
            SchemaCheckCommand.gate(dir, Files.readString(committed), outputs.apiSchema());
        if (!report.passed()) {
          err.print(report.text());
          err.println(
              "compose refused: acknowledge each breaking change (rule, coordinate, reason) in "
                  + dir.resolve("schema-acknowledgements.yaml")
                  + "; supergraph/tools/compose.sh check --operations <dir> names the operations"
                  + " it breaks");
          return 1;
        }
      }
      Files.writeString(dir.resolve("supergraph.graphql"), outputs.supergraph());
      Files.writeString(dir.resolve("schema.graphql"), outputs.apiSchema());
      out.println("wrote " + dir.resolve("supergraph.graphql") + " and schema.graphql");
      return 0;
    }
    List<String> stale = outputs.staleFiles(dir);
    if (!stale.isEmpty()) {
      err.println("stale: " + stale + "; regenerate with: " + Outputs.REGENERATE);
      return 1;
    }
    out.println("supergraph.graphql and schema.graphql are up to date");
    return 0;
  }

  /**
   * The two generated files.
   *
   * @param supergraph the supergraph SDL
   * @param apiSchema the API schema SDL
   */
  public record Outputs(String supergraph, String apiSchema) {

    /** The command that regenerates the committed files. */
    public static final String REGENERATE =
        "supergraph/tools/compose.sh (java -cp ... dev.junction.composition.ComposeMain"
            + " compose supergraph/supergraph.yaml)";

    /** Builds the outputs from a supergraph SDL (the API schema comes from our loader). */
    public static Outputs of(String supergraphSdl) {
      String api = Supergraph.parse(supergraphSdl).apiSchema().sdl();
      return new Outputs(supergraphSdl, api.endsWith("\n") ? api : api + "\n");
    }

    /** The committed files under {@code dir} that differ from these outputs. */
    public List<String> staleFiles(Path dir) throws IOException {
      List<String> stale = new java.util.ArrayList<>();
      if (!same(dir.resolve("supergraph.graphql"), supergraph)) {
        stale.add("supergraph.graphql");
      }
      if (!same(dir.resolve("schema.graphql"), apiSchema)) {
        stale.add("schema.graphql");
      }
      return stale;
    }

    private static boolean same(Path file, String content) throws IOException {
      return Files.exists(file) && Files.readString(file).equals(content);
    }
  }
}
