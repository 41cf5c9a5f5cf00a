package dev.junction.client.generator;

import graphql.GraphQLError;
import graphql.ParseAndValidate;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.Node;
import graphql.language.OperationDefinition;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.MultiSourceReader;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses operation files, validates each operation (with the fragments it uses, from any file)
 * against the API schema and normalises it. Every problem is reported as {@code file:line:column:
 * message}.
 */
public final class OperationCompiler {
  private final GraphQLSchema schema;

  /** A compiler for the given API schema. */
  public OperationCompiler(GraphQLSchema schema) {
    // @defer is not in the API schema's SDL: known to the gateway, so known to validation here
    this.schema =
        schema.getDirective("defer") != null
            ? schema
            : schema.transform(b -> b.additionalDirective(graphql.Directives.DeferDirective));
  }

  /** A source file: its display name and text. */
  public record Source(String name, String text) {}

  /**
   * Compiles all operations of all sources.
   *
   * @throws GenerationException listing every syntax or validation error
   */
  public List<CompiledOperation> compile(List<Source> sources) {
    List<String> problems = new ArrayList<>();
    Map<String, FragmentDefinition> fragments = new TreeMap<>();
    List<OperationDefinition> operations = new ArrayList<>();
    Map<OperationDefinition, String> origin = new LinkedHashMap<>();
    for (Source source : sources) {
      Document document;
      try {
        document =
            Parser.parse(
                ParserEnvironment.newParserEnvironment()
                    .document(
                        MultiSourceReader.newMultiSourceReader()
                            .string(source.text(), source.name())
                            .trackData(false)
                            .build())
                    .build());
      } catch (InvalidSyntaxException e) {
        problems.add(
            where(source.name(), e.getLocation() == null ? List.of() : List.of(e.getLocation()))
                + ": syntax error: "
                + e.getMessage());
        continue;
      }
      for (Definition<?> definition : document.getDefinitions()) {
        if (definition instanceof FragmentDefinition fragment) {
          if (fragments.putIfAbsent(fragment.getName(), fragment) != null) {
            problems.add(
                where(fragment)
                    + ": fragment '"
                    + fragment.getName()
                    + "' is defined more than once");
          }
        } else if (definition instanceof OperationDefinition operation) {
          if (operation.getName() == null || operation.getName().isBlank()) {
            problems.add(where(operation) + ": operations must be named");
            continue;
          }
          operations.add(operation);
          origin.put(operation, source.name());
        } else {
          problems.add(where(definition) + ": only operations and fragments are allowed");
        }
      }
    }
    Map<String, OperationDefinition> byName = new LinkedHashMap<>();
    for (OperationDefinition operation : operations) {
      if (byName.putIfAbsent(operation.getName(), operation) != null) {
        problems.add(
            where(operation)
                + ": operation '"
                + operation.getName()
                + "' is defined more than once");
      }
    }
    List<CompiledOperation> compiled = new ArrayList<>();
    for (OperationDefinition operation : byName.values()) {
      Map<String, FragmentDefinition> used = new TreeMap<>();
      collectFragments(operation, fragments, used, problems);
      List<Definition> definitions = new ArrayList<>();
      definitions.add(operation);
      definitions.addAll(used.values());
      Document document = Document.newDocument().definitions(definitions).build();
      List<ValidationError> errors = ParseAndValidate.validate(schema, document, Locale.ENGLISH);
      if (!errors.isEmpty()) {
        for (ValidationError error : errors) {
          problems.add(where(origin.get(operation), error) + ": " + error.getDescription());
        }
        continue;
      }
      Document normalised = new TypenameInjector(schema).inject(document);
      String text = graphql.language.AstPrinter.printAstCompact(normalised);
      Map<String, FragmentDefinition> normalisedFragments = new TreeMap<>();
      OperationDefinition normalisedOperation = null;
      for (Definition<?> d : normalised.getDefinitions()) {
        if (d instanceof FragmentDefinition f) {
          normalisedFragments.put(f.getName(), f);
        } else if (d instanceof OperationDefinition o) {
          normalisedOperation = o;
        }
      }
      compiled.add(
          new CompiledOperation(
              operation.getName(),
              origin.get(operation),
              normalised,
              text,
              sha256(text),
              normalisedOperation,
              normalisedFragments));
    }
    if (!problems.isEmpty()) {
      throw new GenerationException(
          problems.size() + " invalid operation(s):\n  " + String.join("\n  ", problems));
    }
    return compiled;
  }

  private static void collectFragments(
      Node<?> root,
      Map<String, FragmentDefinition> all,
      Map<String, FragmentDefinition> used,
      List<String> problems) {
    Deque<Node<?>> work = new ArrayDeque<>();
    work.push(root);
    while (!work.isEmpty()) {
      Node<?> node = work.pop();
      if (node instanceof FragmentSpread spread && !used.containsKey(spread.getName())) {
        FragmentDefinition definition = all.get(spread.getName());
        if (definition == null) {
          problems.add(where(spread) + ": unknown fragment '" + spread.getName() + "'");
          continue;
        }
        used.put(spread.getName(), definition);
        work.push(definition);
      }
      for (Node<?> child : node.getChildren()) {
        work.push(child);
      }
    }
  }

  /** SHA-256 of the UTF-8 text, lower-case hex. */
  public static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static String where(Node<?> node) {
    SourceLocation location = node.getSourceLocation();
    return location == null
        ? "?"
        : location.getSourceName() + ":" + location.getLine() + ":" + location.getColumn();
  }

  private static String where(String fallbackSource, GraphQLError error) {
    return where(fallbackSource, error.getLocations());
  }

  private static String where(String source, List<SourceLocation> locations) {
    if (locations == null || locations.isEmpty()) {
      return source;
    }
    SourceLocation location = locations.get(0);
    String name = location.getSourceName() != null ? location.getSourceName() : source;
    return name + ":" + location.getLine() + ":" + location.getColumn();
  }
}
