package dev.junction.client.generator;

import dev.junction.planner.supergraph.Supergraph;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the client-facing API schema from a Federation supergraph. */
public final class ApiSchemas {
  private ApiSchemas() {}

  /** The API schema from a plain SDL file (e.g. {@code supergraph/schema.graphql}). */
  public static GraphQLSchema fromSdl(Path sdl) {
    try {
      return UnExecutableSchemaGenerator.makeUnExecutableSchema(
          new SchemaParser().parse(Files.readString(sdl)));
    } catch (IOException e) {
      throw new GenerationException("cannot read schema " + sdl, e);
    }
  }

  /** The API schema of the supergraph at {@code supergraph}. */
  public static GraphQLSchema fromSupergraph(Path supergraph) {
    try {
      return Supergraph.parse(Files.readString(supergraph)).apiSchema().schema();
    } catch (IOException e) {
      throw new GenerationException("cannot read supergraph " + supergraph, e);
    }
  }
}
