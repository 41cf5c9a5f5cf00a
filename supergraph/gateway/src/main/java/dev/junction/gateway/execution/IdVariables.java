package dev.junction.gateway.execution;

import graphql.language.VariableDefinition;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.idl.TypeInfo;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * The spec's input coercion of {@code ID} (a string or an integer), which graphql-java 25's {@code
 * ID} scalar does not apply to variable values (it passes lists, objects, floats and booleans
 * through, so they would reach the subgraphs). Other built-in scalars coerce strictly already.
 */
public final class IdVariables {
  private IdVariables() {}

  /** A message naming the first variable whose value puts a non-ID where an ID goes, or null. */
  public static String invalid(
      GraphQLSchema schema, List<VariableDefinition> definitions, Map<String, Object> values) {
    if (values == null || values.isEmpty()) {
      return null;
    }
    for (VariableDefinition d : definitions) {
      if (!values.containsKey(d.getName())) {
        continue;
      }
      GraphQLType type = schema.getType(TypeInfo.typeName(d.getType()));
      if (!(type instanceof GraphQLInputType input)) {
        continue; // validation reports unknown or output types
      }
      GraphQLInputType declared = wrap(input, d.getType());
      String bad = check(declared, values.get(d.getName()), 0);
      if (bad != null) {
        return "Variable '$"
            + d.getName()
            + "' has an invalid value: "
            + bad
            + " (an ID is a string or an integer)";
      }
    }
    return null;
  }

  private static GraphQLInputType wrap(GraphQLInputType named, graphql.language.Type<?> type) {
    if (type instanceof graphql.language.NonNullType nn) {
      return GraphQLNonNull.nonNull(wrap(named, nn.getType()));
    }
    if (type instanceof graphql.language.ListType l) {
      return GraphQLList.list(wrap(named, l.getType()));
    }
    return named;
  }

  private static String check(GraphQLInputType type, Object value, int depth) {
    if (value == null || depth > 64) {
      return null; // nullness and depth are graphql-java's and the decoder's to judge
    }
    if (type instanceof GraphQLNonNull nn) {
      return check((GraphQLInputType) nn.getWrappedType(), value, depth);
    }
    if (type instanceof GraphQLList list) {
      GraphQLInputType item = (GraphQLInputType) list.getWrappedType();
      if (value instanceof List<?> values) {
        for (Object v : values) {
          String bad = check(item, v, depth + 1);
          if (bad != null) {
            return bad;
          }
        }
        return null;
      }
      return check(item, value, depth + 1);
    }
    if (type instanceof GraphQLInputObjectType object && value instanceof Map<?, ?> fields) {
      for (GraphQLInputObjectField f : object.getFieldDefinitions()) {
        String bad = check(f.getType(), fields.get(f.getName()), depth + 1);
        if (bad != null) {
          return bad;
        }
      }
      return null;
    }
    if (type instanceof GraphQLScalarType scalar && scalar.getName().equals("ID") && !isId(value)) {
      return value instanceof Map<?, ?>
          ? "an object"
          : value instanceof List<?> ? "a list" : String.valueOf(value);
    }
    return null;
  }

  private static boolean isId(Object value) {
    if (value instanceof String
        || value instanceof Integer
        || value instanceof Long
        || value instanceof Short
        || value instanceof BigInteger) {
      return true;
    }
    if (value instanceof BigDecimal d) {
      return d.signum() == 0 || d.stripTrailingZeros().scale() <= 0;
    }
    if (value instanceof Double d) {
      return Double.isFinite(d) && d == Math.rint(d);
    }
    return false;
  }
}
