package dev.junction.client.generator;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Build entry point: {@code --supergraph FILE} (or {@code --schema FILE} with the API schema SDL)
 * {@code --operations DIR --output DIR --package NAME --manifest FILE}. Invalid operations fail
 * with {@code file:line:column: message}.
 */
public final class GeneratorMain {
  private GeneratorMain() {}

  /** Runs the generator; throws (failing the build) on any invalid operation. */
  public static void main(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new GenerationException("unexpected argument " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    if (options.containsKey("supergraph") == options.containsKey("schema")) {
      throw new GenerationException("give exactly one of --supergraph and --schema");
    }
    for (String required : List.of("operations", "output", "package", "manifest")) {
      if (!options.containsKey(required)) {
        throw new GenerationException("missing --" + required);
      }
    }
    Generator generator =
        new Generator(
            options.containsKey("supergraph")
                ? ApiSchemas.fromSupergraph(Path.of(options.get("supergraph")))
                : ApiSchemas.fromSdl(Path.of(options.get("schema"))));
    List<CompiledOperation> operations =
        generator.generate(
            Path.of(options.get("operations")),
            Path.of(options.get("output")),
            options.get("package"),
            Path.of(options.get("manifest")));
    System.out.println(
        "[junction-client-generator] "
            + operations.size()
            + " operation(s) generated into "
            + options.get("output"));
  }
}
