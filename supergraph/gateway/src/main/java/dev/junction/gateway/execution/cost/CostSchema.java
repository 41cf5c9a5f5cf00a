package dev.junction.gateway.execution.cost;

import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.IntValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.GraphQLAppliedDirective;
import graphql.schema.GraphQLAppliedDirectiveArgument;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirectiveContainer;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code @cost} and {@code @listSize} applications of a supergraph, read once. The directive
 * names follow the supergraph's {@code @link(url: "https://specs.apollo.dev/cost/v0.1", import:
 * [...])}: imported names ({@code @cost}, or their {@code as:} rename), else the link spec's
 * defaults ({@code @cost} or {@code @<as>} for the feature's own-named directive, {@code
 * @cost__listSize} or {@code @<as>__listSize}). Immutable once built.
 */
final class CostSchema {
  private static final String COST_SPEC = "https://specs.apollo.dev/cost/";

  /** A {@code @listSize} application; {@code slicingArguments} are dot-separated paths. */
  record ListSize(
      Long assumedSize,
      List<String[]> slicingArguments,
      Set<String> sizedFields,
      boolean requireOneSlicingArgument) {}

  private final GraphQLSchema full;
  private final GraphQLSchema api;
  private final String costName;
  private final String listSizeName;
  private final Map<String, Long> typeWeights = new HashMap<>();
  private final Map<String, Long> fieldWeights = new HashMap<>();
  private final Map<String, ListSize> listSizes = new HashMap<>();
  private final Map<String, Long> inputWeights = new HashMap<>();
  private final Map<GraphQLInputObjectField, Long> effectiveInputWeights = new IdentityHashMap<>();
  private final Map<String, List<GraphQLObjectType>> possible = new HashMap<>();

  private CostSchema(GraphQLSchema full, GraphQLSchema api) {
    this.full = full;
    this.api = api;
    String[] names = directiveNames(full);
    this.costName = names[0];
    this.listSizeName = names[1];
    index();
  }

  /**
   * The cost directives of {@code full} (the supergraph schema, with its directive applications);
   * possible types come from {@code api} (what clients can see).
   */
  static CostSchema of(GraphQLSchema full, GraphQLSchema api) {
    return new CostSchema(full, api);
  }

  /** Whether the supergraph applies {@code @cost} or {@code @listSize} anywhere. */
  boolean hasDirectives() {
    return !typeWeights.isEmpty()
        || !fieldWeights.isEmpty()
        || !listSizes.isEmpty()
        || !inputWeights.isEmpty();
  }

  GraphQLSchema schema() {
    return full;
  }

  /** The {@code @cost} weight of a type (object, enum, scalar, input object), or null. */
  Long typeWeight(String type) {
    return typeWeights.get(type);
  }

  /** The {@code @cost} weight of a field definition itself, or null. */
  Long fieldWeight(String type, String field) {
    return fieldWeights.get(type + '.' + field);
  }

  /** The {@code @listSize} of a field definition, or null. */
  ListSize listSize(String type, String field) {
    return listSizes.get(type + '.' + field);
  }

  /** The {@code @cost} weight of a field argument itself, or null. */
  Long argumentWeight(String type, String field, String argument) {
    return inputWeights.get(type + '.' + field + '(' + argument);
  }

  /** The {@code @cost} weight of an input object field itself, or null. */
  Long inputFieldWeight(String inputType, String field) {
    return inputWeights.get(inputType + '.' + field);
  }

  /**
   * The weight of an input field of this schema: its own {@code @cost}, else its type's, or null. A
   * look-up by identity (read-only after construction, so safe from any thread).
   */
  Long effectiveInputFieldWeight(GraphQLInputObjectField field) {
    return effectiveInputWeights.get(field);
  }

  /** The object types an interface or union can be at run time, as clients see them. */
  List<GraphQLObjectType> possibleTypes(String abstractType) {
    return possible.computeIfAbsent(
        abstractType,
        name -> {
          GraphQLType t = api.getType(name);
          if (t instanceof GraphQLUnionType u) {
            List<GraphQLObjectType> out = new ArrayList<>();
            u.getTypes().forEach(m -> out.add((GraphQLObjectType) m));
            return List.copyOf(out);
          }
          if (t instanceof graphql.schema.GraphQLInterfaceType i) {
            return List.copyOf(api.getImplementations(i));
          }
          return List.of();
        });
  }

  private void index() {
    if (costName == null && listSizeName == null) {
      return;
    }
    for (GraphQLNamedType t : full.getAllTypesAsList()) {
      if (t.getName().startsWith("__")) {
        continue;
      }
      if (t instanceof GraphQLDirectiveContainer c) {
        put(typeWeights, t.getName(), weight(c));
      }
      if (t instanceof GraphQLFieldsContainer fc) {
        for (GraphQLFieldDefinition f : fc.getFieldDefinitions()) {
          String key = t.getName() + '.' + f.getName();
          put(fieldWeights, key, weight(f));
          ListSize ls = listSize(f);
          if (ls != null) {
            listSizes.put(key, ls);
          }
          for (GraphQLArgument a : f.getArguments()) {
            put(inputWeights, key + '(' + a.getName(), weight(a));
          }
        }
      }
      if (t instanceof GraphQLInputObjectType in) {
        for (GraphQLInputObjectField f : in.getFieldDefinitions()) {
          put(inputWeights, t.getName() + '.' + f.getName(), weight(f));
        }
      }
    }
    for (GraphQLNamedType t : full.getAllTypesAsList()) {
      if (t instanceof GraphQLInputObjectType in) {
        for (GraphQLInputObjectField f : in.getFieldDefinitions()) {
          Long w = inputFieldWeight(in.getName(), f.getName());
          if (w == null) {
            w = typeWeight(((GraphQLNamedType) GraphQLTypeUtil.unwrapAll(f.getType())).getName());
          }
          if (w != null) {
            effectiveInputWeights.put(f, w);
          }
        }
      }
    }
  }

  private static void put(Map<String, Long> map, String key, Long value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  private Long weight(GraphQLDirectiveContainer c) {
    if (costName == null) {
      return null;
    }
    GraphQLAppliedDirective d = c.getAppliedDirective(costName);
    return d == null ? null : number(literal(d.getArgument("weight")));
  }

  private ListSize listSize(GraphQLFieldDefinition f) {
    if (listSizeName == null) {
      return null;
    }
    GraphQLAppliedDirective d = f.getAppliedDirective(listSizeName);
    if (d == null) {
      return null;
    }
    List<String[]> slicing = new ArrayList<>();
    for (String s : strings(literal(d.getArgument("slicingArguments")))) {
      slicing.add(s.trim().split("\\."));
    }
    Set<String> sized = new LinkedHashSet<>();
    for (String s : strings(literal(d.getArgument("sizedFields")))) {
      sized.add(s.trim());
    }
    Value<?> require = literal(d.getArgument("requireOneSlicingArgument"));
    boolean requireOne = !(require instanceof BooleanValue b) || b.isValue();
    return new ListSize(
        number(literal(d.getArgument("assumedSize"))),
        List.copyOf(slicing),
        Set.copyOf(sized),
        requireOne);
  }

  /** The literal of an applied directive argument (supergraphs are SDL: always literals). */
  static Value<?> literal(GraphQLAppliedDirectiveArgument arg) {
    if (arg == null || !arg.getArgumentValue().isLiteral()) {
      return null;
    }
    return (Value<?>) arg.getArgumentValue().getValue();
  }

  /** An Int literal, or a String literal holding an integer (the IBM spec's weights), or null. */
  static Long number(Value<?> v) {
    if (v instanceof IntValue i) {
      return clamp(i.getValue());
    }
    if (v instanceof StringValue s) {
      try {
        return Math.round(Double.parseDouble(s.getValue().trim()));
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  static long clamp(BigInteger b) {
    return b.bitLength() > 62
        ? (b.signum() < 0 ? -CostValues.SATURATED : CostValues.SATURATED)
        : b.longValue();
  }

  private static List<String> strings(Value<?> v) {
    List<String> out = new ArrayList<>();
    if (v instanceof ArrayValue a) {
      for (Value<?> e : a.getValues()) {
        if (e instanceof StringValue s) {
          out.add(s.getValue());
        }
      }
    } else if (v instanceof StringValue s) {
      out.add(s.getValue());
    }
    return out;
  }

  /**
   * The names of the cost and list-size directives in this supergraph: from its cost {@code @link}
   * when there is one, else {@code cost} and {@code listSize} when the schema defines them.
   */
  private static String[] directiveNames(GraphQLSchema schema) {
    for (GraphQLAppliedDirective link : schema.getSchemaAppliedDirectives("link")) {
      Value<?> url = literal(link.getArgument("url"));
      if (!(url instanceof StringValue u) || !u.getValue().startsWith(COST_SPEC)) {
        continue;
      }
      Value<?> as = literal(link.getArgument("as"));
      String namespace = as instanceof StringValue s ? s.getValue() : "cost";
      String cost = namespace; // a feature's own-named directive is @<namespace> (link spec)
      String listSize = namespace + "__listSize";
      Value<?> imports = literal(link.getArgument("import"));
      if (imports instanceof ArrayValue list) {
        for (Value<?> item : list.getValues()) {
          String name = null;
          String alias = null;
          if (item instanceof StringValue s) {
            name = s.getValue();
          } else if (item instanceof ObjectValue o) {
            for (ObjectField f : o.getObjectFields()) {
              if (f.getValue() instanceof StringValue s) {
                if (f.getName().equals("name")) {
                  name = s.getValue();
                } else if (f.getName().equals("as")) {
                  alias = s.getValue();
                }
              }
            }
          }
          if (name == null) {
            continue;
          }
          String local = strip(alias == null ? name : alias);
          if (strip(name).equals("cost")) {
            cost = local;
          } else if (strip(name).equals("listSize")) {
            listSize = local;
          }
        }
      }
      return new String[] {cost, listSize};
    }
    return new String[] {
      schema.getDirective("cost") == null ? null : "cost",
      schema.getDirective("listSize") == null ? null : "listSize"
    };
  }

  private static String strip(String name) {
    return name.startsWith("@") ? name.substring(1) : name;
  }
}
