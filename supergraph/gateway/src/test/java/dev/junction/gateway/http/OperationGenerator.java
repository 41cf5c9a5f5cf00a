package dev.junction.gateway.http;

import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLEnumValueDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedOutputType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Valid GraphQL operations built from the API schema of a supergraph: random selections of fields
 * with random argument values (literal or variables), aliases, named and inline fragments, and
 * {@code @include}/{@code @skip}. The generator only knows the schema, so values are valid by type
 * but mostly unknown ids (the stub subgraph answers anything).
 */
final class OperationGenerator {
  /** One generated operation: its document, operation name (or null) and variable values. */
  record Operation(String document, String operationName, Map<String, Object> variables) {}

  static final List<String> IDS =
      List.of("prod-001", "prod-002", "cust-001", "ord-001", "wh-001", "pay-001", "shp-001", "x");
  static final List<String> STRINGS =
      List.of(
          "lamp",
          "",
          " ",
          "a@b.c",
          "ünïcødé",
          "日本語",
          "🙂🙃",
          "tab\there",
          "quote\"d",
          "back\\slash",
          "line\nbreak",
          "4006381333931",
          "SKU-1",
          "\u200b",
          "\u202eevil");

  private final GraphQLSchema schema;

  OperationGenerator(GraphQLSchema schema) {
    this.schema = schema;
  }

  /** A fresh operation; {@code random} decides everything. */
  Operation generate(Random random) {
    return new Build(random).operation();
  }

  /** The state of one operation being built. */
  private final class Build {
    private final Random random;
    private final StringBuilder fragments = new StringBuilder();
    private final List<String> variableDefinitions = new ArrayList<>();
    private final Map<String, Object> variables = new LinkedHashMap<>();
    private int fragmentCount;
    private int aliasCount;

    Build(Random random) {
      this.random = random;
    }

    Operation operation() {
      boolean mutation = schema.getMutationType() != null && random.nextInt(100) < 12;
      GraphQLObjectType root = mutation ? schema.getMutationType() : schema.getQueryType();
      String selection;
      if (!mutation && random.nextInt(100) < 4) {
        selection = introspection();
      } else {
        selection = selectionSet(root, 0, 1 + random.nextInt(3));
      }
      String name = random.nextInt(100) < 50 ? "Op" + random.nextInt(1000) : null;
      StringBuilder doc = new StringBuilder();
      if (mutation || name != null || !variableDefinitions.isEmpty() || random.nextBoolean()) {
        doc.append(mutation ? "mutation" : "query");
        if (name != null) {
          doc.append(' ').append(name);
        }
        if (!variableDefinitions.isEmpty()) {
          doc.append('(').append(String.join(", ", variableDefinitions)).append(')');
        }
        doc.append(' ');
      }
      doc.append(selection);
      if (name != null && random.nextInt(100) < 10) {
        // a second operation: operationName must pick one
        doc.append("\nquery Other").append(random.nextInt(100)).append(" { __typename }");
      }
      doc.append(fragments);
      return new Operation(doc.toString(), name, variables);
    }

    private String introspection() {
      return switch (random.nextInt(3)) {
        case 0 -> "{ __schema { queryType { name } types { name kind } } }";
        case 1 -> "{ __type(name: \"" + randomTypeName() + "\") { name fields { name } } }";
        default -> "{ __typename }";
      };
    }

    private String randomTypeName() {
      List<String> names = new ArrayList<>(schema.getTypeMap().keySet());
      return names.get(random.nextInt(names.size()));
    }

    /** {@code { ... }} for a composite type, at most {@code width} entries. */
    private String selectionSet(GraphQLType type, int depth, int width) {
      StringBuilder out = new StringBuilder("{ ");
      int entries = 0;
      for (int i = 0; i < width; i++) {
        String entry = selection(type, depth);
        if (entry != null) {
          out.append(entry).append(' ');
          entries++;
        }
      }
      if (entries == 0 || random.nextInt(100) < 8) {
        out.append("__typename ");
      }
      return out.append('}').toString();
    }

    private String selection(GraphQLType type, int depth) {
      int roll = random.nextInt(100);
      if (type instanceof GraphQLUnionType union) {
        List<GraphQLNamedOutputType> members = union.getTypes();
        return inlineFragment(members.get(random.nextInt(members.size())), depth);
      }
      if (type instanceof GraphQLInterfaceType iface && roll < 25) {
        List<GraphQLObjectType> impls = schema.getImplementations(iface);
        if (!impls.isEmpty()) {
          return inlineFragment(impls.get(random.nextInt(impls.size())), depth);
        }
      }
      if (roll < 8 && depth > 0) {
        return inlineFragment(type, depth);
      }
      if (roll < 16 && depth > 0) {
        return namedFragment(type, depth);
      }
      return field((GraphQLFieldsContainer) type, depth);
    }

    private String inlineFragment(GraphQLType type, int depth) {
      String on = random.nextInt(100) < 80 ? " on " + name(type) : "";
      return "..." + on + directives() + " " + selectionSet(type, depth, 1 + random.nextInt(2));
    }

    private String namedFragment(GraphQLType type, int depth) {
      String name = "F" + fragmentCount++;
      String body = selectionSet(type, depth, 1 + random.nextInt(3));
      fragments
          .append("\nfragment ")
          .append(name)
          .append(" on ")
          .append(name(type))
          .append(' ')
          .append(body);
      return "..." + name + directives();
    }

    private String field(GraphQLFieldsContainer type, int depth) {
      List<GraphQLFieldDefinition> fields = type.getFieldDefinitions();
      GraphQLFieldDefinition field = fields.get(random.nextInt(fields.size()));
      GraphQLType target = GraphQLTypeUtil.unwrapAll(field.getType());
      boolean composite =
          !(target instanceof GraphQLScalarType || target instanceof GraphQLEnumType);
      if (composite && depth >= 4) {
        // deep enough: prefer a leaf of this type
        for (GraphQLFieldDefinition candidate : fields) {
          GraphQLType t = GraphQLTypeUtil.unwrapAll(candidate.getType());
          if ((t instanceof GraphQLScalarType || t instanceof GraphQLEnumType)
              && requiredArguments(candidate) == 0) {
            return candidate.getName();
          }
        }
        return "__typename";
      }
      StringBuilder out = new StringBuilder();
      if (random.nextInt(100) < 15) {
        out.append("a").append(aliasCount++).append(": ");
      }
      out.append(field.getName()).append(arguments(field.getArguments()));
      out.append(directives());
      if (composite) {
        out.append(' ').append(selectionSet(target, depth + 1, 1 + random.nextInt(3)));
      }
      return out.toString();
    }

    private long requiredArguments(GraphQLFieldDefinition field) {
      return field.getArguments().stream()
          .filter(a -> GraphQLTypeUtil.isNonNull(a.getType()))
          .count();
    }

    private String arguments(List<GraphQLArgument> arguments) {
      List<String> out = new ArrayList<>();
      for (GraphQLArgument argument : arguments) {
        boolean required = GraphQLTypeUtil.isNonNull(argument.getType());
        if (!required && random.nextInt(100) < 50) {
          continue;
        }
        out.add(argument.getName() + ": " + valueOrVariable(argument.getType()));
      }
      return out.isEmpty() ? "" : "(" + String.join(", ", out) + ")";
    }

    private String directives() {
      int roll = random.nextInt(100);
      if (roll >= 12) {
        return "";
      }
      String directive = roll < 6 ? "include" : "skip";
      boolean value = random.nextInt(100) < 70 == directive.equals("include");
      String argument;
      if (random.nextBoolean()) {
        String name = "b" + variableDefinitions.size();
        variableDefinitions.add("$" + name + ": Boolean!");
        variables.put(name, value);
        argument = "$" + name;
      } else {
        argument = Boolean.toString(value);
      }
      return " @" + directive + "(if: " + argument + ")";
    }

    private String valueOrVariable(GraphQLInputType type) {
      if (random.nextInt(100) < 30) {
        String name = "v" + variableDefinitions.size();
        variableDefinitions.add("$" + name + ": " + GraphQLTypeUtil.simplePrint(type));
        variables.put(name, value(type, 0));
        return "$" + name;
      }
      return literal(value(type, 0), type);
    }

    /** A random value of {@code type}, as JSON would carry it (maps, lists, strings, numbers). */
    Object value(GraphQLType type, int depth) {
      if (type instanceof GraphQLNonNull nonNull) {
        return value(nonNull.getWrappedType(), depth);
      }
      if (type instanceof GraphQLList list) {
        List<Object> items = new ArrayList<>();
        int n = depth > 2 ? 0 : random.nextInt(3);
        for (int i = 0; i < n; i++) {
          items.add(value(list.getWrappedType(), depth + 1));
        }
        return items;
      }
      if (type instanceof GraphQLEnumType e) {
        List<GraphQLEnumValueDefinition> values = e.getValues();
        return new EnumValue(values.get(random.nextInt(values.size())).getName());
      }
      if (type instanceof GraphQLInputObjectType input) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (GraphQLInputObjectField f : input.getFieldDefinitions()) {
          if (GraphQLTypeUtil.isNonNull(f.getType()) || random.nextBoolean()) {
            out.put(f.getName(), value(f.getType(), depth + 1));
          }
        }
        return out;
      }
      return scalar(((GraphQLScalarType) type).getName());
    }

    private Object scalar(String name) {
      return switch (name) {
        case "ID" -> IDS.get(random.nextInt(IDS.size()));
        case "Int" ->
            switch (random.nextInt(10)) {
              case 0 -> -random.nextInt(1000);
              case 1 -> Integer.MAX_VALUE;
              default -> random.nextInt(50);
            };
        case "Float" -> random.nextDouble() * 1000;
        case "Boolean" -> random.nextBoolean();
        case "DateTime" -> "2026-0" + (1 + random.nextInt(9)) + "-01T00:00:00Z";
        case "Decimal" -> random.nextInt(1000) + "." + random.nextInt(100);
        default -> STRINGS.get(random.nextInt(STRINGS.size()));
      };
    }

    /** {@code value} as a GraphQL literal. */
    private String literal(Object value, GraphQLType type) {
      if (value instanceof EnumValue e) {
        return e.name();
      }
      if (value instanceof String s) {
        return FuzzJson.string(s);
      }
      if (value instanceof List<?> items) {
        GraphQLType item = GraphQLTypeUtil.unwrapNonNull(type);
        GraphQLType of = item instanceof GraphQLList l ? l.getWrappedType() : item;
        List<String> out = new ArrayList<>();
        items.forEach(v -> out.add(literal(v, of)));
        return "[" + String.join(", ", out) + "]";
      }
      if (value instanceof Map<?, ?> map) {
        GraphQLInputObjectType input = (GraphQLInputObjectType) GraphQLTypeUtil.unwrapAll(type);
        List<String> out = new ArrayList<>();
        map.forEach(
            (k, v) ->
                out.add(k + ": " + literal(v, input.getFieldDefinition((String) k).getType())));
        return "{" + String.join(", ", out) + "}";
      }
      return String.valueOf(value);
    }

    private String name(GraphQLType type) {
      return ((GraphQLNamedOutputType) type).getName();
    }
  }

  /** An enum value: a bare name in a literal, a string in JSON variables. */
  record EnumValue(String name) {
    @Override
    public String toString() {
      return name;
    }
  }
}
