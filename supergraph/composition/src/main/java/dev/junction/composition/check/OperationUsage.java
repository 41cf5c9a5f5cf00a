package dev.junction.composition.check;

import graphql.language.Argument;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.VariableDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.UnExecutableSchemaGenerator;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The schema coordinates each client operation uses ({@code Type}, {@code Type.field}, {@code
 * Type.field(arg:)}), computed against the old API schema.
 */
public final class OperationUsage {

  private final Map<String, Set<String>> byOperation = new LinkedHashMap<>();
  private final Map<String, String> invalid = new LinkedHashMap<>();

  private OperationUsage() {}

  /** The operations that do not validate against the old schema, with the first error. */
  public Map<String, String> invalid() {
    return invalid;
  }

  /** Coordinates used by each operation (keyed by operation name, or file name). */
  public Map<String, Set<String>> byOperation() {
    return byOperation;
  }

  /**
   * Analyses operation documents against a schema.
   *
   * @param schemaSdl the (old) API schema
   * @param documents file name to document text
   */
  public static OperationUsage analyse(String schemaSdl, Map<String, String> documents) {
    GraphQLSchema schema =
        UnExecutableSchemaGenerator.makeUnExecutableSchema(new SchemaParser().parse(schemaSdl));
    OperationUsage usage = new OperationUsage();
    // Parse every file first: fragments may live in a file of their own (as the client SDK's
    // Fragments.graphql does) and are shared by all operations.
    Map<String, Document> parsed = new LinkedHashMap<>();
    Map<String, FragmentDefinition> allFragments = new LinkedHashMap<>();
    for (Map.Entry<String, String> file : documents.entrySet()) {
      try {
        Document doc = Parser.parse(file.getValue());
        parsed.put(file.getKey(), doc);
        doc.getDefinitionsOfType(FragmentDefinition.class)
            .forEach(f -> allFragments.putIfAbsent(f.getName(), f));
      } catch (RuntimeException e) {
        usage.invalid.put(file.getKey(), "does not parse: " + e.getMessage());
      }
    }
    for (Map.Entry<String, Document> file : parsed.entrySet()) {
      if (file.getValue().getDefinitionsOfType(OperationDefinition.class).isEmpty()) {
        continue; // a file of shared fragments
      }
      Document doc = withUsedFragments(file.getValue(), allFragments);
      List<ValidationError> errors = new Validator().validateDocument(schema, doc, Locale.ROOT);
      if (!errors.isEmpty()) {
        usage.invalid.put(file.getKey(), errors.get(0).getDescription());
        continue;
      }
      for (OperationDefinition op : doc.getDefinitionsOfType(OperationDefinition.class)) {
        String name = op.getName() == null ? file.getKey() : op.getName();
        try {
          usage.byOperation.put(name, usage.collect(schema, doc, op));
        } catch (RuntimeException e) {
          usage.invalid.put(name, "cannot be analysed: " + e.getMessage());
        }
      }
    }
    return usage;
  }

  /** The document plus the fragments of other files that it uses (transitively). */
  private static Document withUsedFragments(
      Document doc, Map<String, FragmentDefinition> allFragments) {
    Map<String, FragmentDefinition> local = new LinkedHashMap<>();
    doc.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> local.put(f.getName(), f));
    List<graphql.language.Definition> extra = new java.util.ArrayList<>();
    java.util.Deque<graphql.language.Node<?>> todo = new java.util.ArrayDeque<>();
    for (graphql.language.Definition<?> d : doc.getDefinitions()) {
      todo.push(d);
    }
    Set<String> seen = new java.util.HashSet<>(local.keySet());
    while (!todo.isEmpty()) {
      graphql.language.Node<?> node = todo.pop();
      if (node instanceof graphql.language.FragmentSpread spread
          && seen.add(spread.getName())
          && allFragments.containsKey(spread.getName())) {
        FragmentDefinition def = allFragments.get(spread.getName());
        extra.add(def);
        todo.push(def);
      }
      for (Object child : node.getChildren()) {
        todo.push((graphql.language.Node<?>) child);
      }
    }
    if (extra.isEmpty()) {
      return doc;
    }
    List<graphql.language.Definition> defs = new java.util.ArrayList<>(doc.getDefinitions());
    defs.addAll(extra);
    return doc.transform(b -> b.definitions(defs));
  }

  private Set<String> collect(GraphQLSchema schema, Document doc, OperationDefinition op) {
    current = schema;
    Set<String> used = new LinkedHashSet<>();
    for (VariableDefinition v : op.getVariableDefinitions()) {
      String typeName =
          graphql.language.AstPrinter.printAst(v.getType()).replaceAll("[\\[\\]!]", "");
      if (schema.getType(typeName) instanceof GraphQLInputType input) {
        addInput(input, used);
      }
    }
    Map<String, FragmentDefinition> fragments = new LinkedHashMap<>();
    doc.getDefinitionsOfType(FragmentDefinition.class).forEach(f -> fragments.put(f.getName(), f));
    GraphQLObjectType root =
        switch (op.getOperation()) {
          case MUTATION -> schema.getMutationType();
          case SUBSCRIPTION -> schema.getSubscriptionType();
          default -> schema.getQueryType();
        };
    walk(op.getSelectionSet(), root, fragments, used, new java.util.HashSet<>());
    return used;
  }

  private void walk(
      SelectionSet set,
      GraphQLCompositeType parent,
      Map<String, FragmentDefinition> fragments,
      Set<String> used,
      Set<String> spread) {
    if (set == null || parent == null) {
      return;
    }
    for (Selection<?> selection : set.getSelections()) {
      if (selection instanceof Field field) {
        if (field.getName().startsWith("__") || !(parent instanceof GraphQLFieldsContainer c)) {
          continue;
        }
        GraphQLFieldDefinition def = c.getFieldDefinition(field.getName());
        if (def == null) {
          continue;
        }
        String coordinate = parent.getName() + "." + field.getName();
        used.add(parent.getName());
        used.add(coordinate);
        GraphQLNamedType type = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(def.getType());
        used.add(type.getName());
        for (Argument a : field.getArguments()) {
          used.add(coordinate + "(" + a.getName() + ":)");
          GraphQLArgument arg = def.getArgument(a.getName());
          if (arg != null) {
            addInput(arg.getType(), used);
          }
        }
        if (type instanceof GraphQLCompositeType composite) {
          walk(field.getSelectionSet(), composite, fragments, used, spread);
        }
      } else if (selection instanceof InlineFragment inline) {
        GraphQLCompositeType on = parent;
        if (inline.getTypeCondition() != null) {
          used.add(inline.getTypeCondition().getName());
          on = typeOr(parent, inline.getTypeCondition().getName());
        }
        walk(inline.getSelectionSet(), on, fragments, used, spread);
      } else if (selection instanceof FragmentSpread fs && spread.add(fs.getName())) {
        FragmentDefinition def = fragments.get(fs.getName());
        if (def != null) {
          used.add(def.getTypeCondition().getName());
          walk(
              def.getSelectionSet(),
              typeOr(parent, def.getTypeCondition().getName()),
              fragments,
              used,
              spread);
        }
      }
    }
  }

  private GraphQLSchema current;

  private GraphQLCompositeType typeOr(GraphQLCompositeType parent, String name) {
    return current.getType(name) instanceof GraphQLCompositeType t ? t : parent;
  }

  private static void addInput(graphql.schema.GraphQLType type, Set<String> used) {
    GraphQLNamedType named = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(type);
    if (!used.add(named.getName())) {
      return;
    }
    if (named instanceof GraphQLInputObjectType input) {
      input.getFieldDefinitions().forEach(f -> addInput(f.getType(), used));
    }
  }

  /** The operations a change affects. */
  public List<String> affected(SchemaChange change) {
    String c = change.coordinate();
    String owner = c.contains(".") ? c.substring(0, c.indexOf('.')) : c;
    String field = c.contains("(") ? c.substring(0, c.indexOf('(')) : c;
    return byOperation.entrySet().stream()
        .filter(
            e -> {
              Set<String> used = e.getValue();
              if (used.contains(c)) {
                return true;
              }
              if (change.rule().startsWith("REQUIRED_ARGUMENT")) {
                return used.contains(field);
              }
              if (change.rule().startsWith("ENUM_VALUE") || change.rule().contains("INPUT_FIELD")) {
                return used.contains(owner);
              }
              return false;
            })
        .map(Map.Entry::getKey)
        .toList();
  }
}
