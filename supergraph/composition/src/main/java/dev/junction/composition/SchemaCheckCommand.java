package dev.junction.composition;

import dev.junction.composition.check.Acknowledgements;
import dev.junction.composition.check.CheckReport;
import dev.junction.composition.check.SchemaCheck;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * {@code check <supergraph.yaml> [--operations <dir>] [--format text|json|markdown]}: composes,
 * diffs the new API schema against the committed {@code schema.graphql} next to the config, names
 * the operations (every {@code .graphql} file under {@code --operations}) each breaking change
 * breaks, and fails (exit 1) on a breaking change not acknowledged in {@code
 * schema-acknowledgements.yaml} next to the config.
 */
final class SchemaCheckCommand {

  private SchemaCheckCommand() {}

  /**
   * The check of {@code newApi} against {@code committedApi} with the acknowledgements next to the
   * config (no operations): what {@code compose} runs before it replaces the baseline.
   */
  static CheckReport gate(Path dir, String committedApi, String newApi) throws IOException {
    Path ackFile = dir.resolve("schema-acknowledgements.yaml");
    Acknowledgements acks =
        Files.exists(ackFile)
            ? Acknowledgements.parse(Files.readString(ackFile))
            : Acknowledgements.none();
    return SchemaCheck.check(committedApi, newApi, java.util.Map.of(), acks);
  }

  static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
    Path config = Path.of(args[1]);
    Path operationsDir = null;
    String format = "text";
    for (int i = 2; i < args.length; i++) {
      if (args[i].equals("--operations") && i + 1 < args.length) {
        operationsDir = Path.of(args[++i]);
      } else if (args[i].equals("--format") && i + 1 < args.length) {
        format = args[++i];
      } else {
        err.println("unknown option: " + args[i]);
        return 2;
      }
    }
    if (!format.matches("text|json|markdown")) {
      err.println("--format must be text, json or markdown");
      return 2;
    }
    if (!Files.isRegularFile(config)) {
      err.println("no such file: " + config);
      return 2;
    }
    Path dir = config.toAbsolutePath().getParent();
    Path committed = dir.resolve("schema.graphql");
    if (!Files.isRegularFile(committed)) {
      err.println("no committed API schema at " + committed + ": run compose first");
      return 2;
    }
    CompositionResult result = Composer.compose(SupergraphConfig.load(config));
    if (!result.succeeded()) {
      result.errors().forEach(err::println);
      return 1;
    }
    String newApi = ComposeMain.Outputs.of(result.supergraphSdl()).apiSchema();
    Acknowledgements acks;
    Path ackFile = dir.resolve("schema-acknowledgements.yaml");
    try {
      acks =
          Files.exists(ackFile)
              ? Acknowledgements.parse(Files.readString(ackFile))
              : Acknowledgements.none();
    } catch (IllegalArgumentException e) {
      err.println(ackFile + ": " + e.getMessage());
      return 2;
    }
    CheckReport report =
        SchemaCheck.check(Files.readString(committed), newApi, operations(operationsDir), acks);
    out.print(
        switch (format) {
          case "json" -> report.json() + "\n";
          case "markdown" -> report.markdown();
          default -> report.text();
        });
    return report.passed() ? 0 : 1;
  }

  private static Map<String, String> operations(Path dir) throws IOException {
    Map<String, String> docs = new TreeMap<>();
    if (dir == null) {
      return docs;
    }
    try (Stream<Path> files = Files.walk(dir, 8)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".graphql")).sorted().toList()) {
        docs.put(dir.relativize(f).toString(), Files.readString(f));
      }
    }
    return docs;
  }
}
