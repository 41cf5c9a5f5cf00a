package dev.junction.client.generator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import graphql.schema.GraphQLSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Validates the {@code .graphql} operation files of a directory against an API schema and writes
 * the typed Java client sources plus an Apollo persisted-query manifest.
 */
public final class Generator {
  private final GraphQLSchema schema;

  /** A generator for the given API schema. */
  public Generator(GraphQLSchema schema) {
    this.schema = schema;
  }

  /** The {@code .graphql} files under {@code directory}, sorted, as compiler sources. */
  public static List<OperationCompiler.Source> sources(Path directory) {
    if (!Files.isDirectory(directory)) {
      throw new GenerationException("operations directory not found: " + directory);
    }
    List<OperationCompiler.Source> sources = new ArrayList<>();
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".graphql")).sorted().toList()) {
        sources.add(
            new OperationCompiler.Source(
                directory.relativize(file).toString(), Files.readString(file)));
      }
    } catch (IOException e) {
      throw new GenerationException("cannot read operations in " + directory, e);
    }
    return sources;
  }

  /** Compiles the operations (validation included). */
  public List<CompiledOperation> compile(List<OperationCompiler.Source> sources) {
    return new OperationCompiler(schema).compile(sources);
  }

  /** Generates source text by relative path, for the compiled operations. */
  public Map<String, String> javaSources(List<CompiledOperation> operations, String packageName) {
    JavaWriter writer = new JavaWriter(schema, packageName);
    for (CompiledOperation operation : operations) {
      writer.operation(operation);
    }
    writer.referencedTypes();
    return writer.files();
  }

  /** The persisted-query manifest (Apollo format, version 1). */
  public static ObjectNode manifest(List<CompiledOperation> operations) {
    ObjectNode manifest = new ObjectMapper().createObjectNode();
    manifest.put("format", "apollo-persisted-query-manifest");
    manifest.put("version", 1);
    ArrayNode list = manifest.putArray("operations");
    for (CompiledOperation operation : operations) {
      ObjectNode entry = list.addObject();
      entry.put("id", operation.id());
      entry.put("name", operation.name());
      entry.put("type", operation.type());
      entry.put("body", operation.text());
    }
    return manifest;
  }

  /** Runs the whole generation: sources under {@code output}, manifest at {@code manifest}. */
  public List<CompiledOperation> generate(
      Path operationsDir, Path output, String packageName, Path manifest) {
    List<CompiledOperation> operations = compile(sources(operationsDir));
    try {
      for (Map.Entry<String, String> file : javaSources(operations, packageName).entrySet()) {
        Path target = output.resolve(file.getKey());
        Files.createDirectories(target.getParent());
        Files.writeString(target, file.getValue());
      }
      Files.createDirectories(manifest.toAbsolutePath().getParent());
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(manifest.toFile(), manifest(operations));
    } catch (IOException e) {
      throw new GenerationException("cannot write generated files", e);
    }
    return operations;
  }
}
