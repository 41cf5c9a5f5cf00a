package dev.junction.gateway.execution.cost;

import graphql.language.ArrayValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectField;
import graphql.language.ObjectValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLInputObjectField;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLInputType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLTypeUtil;
import java.util.List;
import java.util.Map;

/** Argument costs, slicing argument sizes and saturating arithmetic of the cost graph. */
final class CostValues {
  static final long SATURATED = Long.MAX_VALUE / 4;

  private CostValues() {}

  /** The size a slicing argument value gives: an Int, or a list's length; null when absent. */
  static Long size(Value<?> literal, String[] path, Map<String, Object> variables) {
    Object cur = literal;
    for (int i = 1; i <= path.length; i++) {
      if (cur instanceof VariableReference ref) {
        cur = variables.get(ref.getName());
      }
      if (i == path.length) {
        break;
      }
      String key = path[i];
      if (cur instanceof ObjectValue o) {
        Object next = null;
        for (ObjectField f : o.getObjectFields()) {
          if (f.getName().equals(key)) {
            next = f.getValue();
          }
        }
        cur = next;
      } else if (cur instanceof Map<?, ?> m) {
        cur = m.get(key);
      } else {
        return null;
      }
    }
    if (cur instanceof IntValue i) {
      return CostSchema.clamp(i.getValue());
    }
    if (cur instanceof ArrayValue a) {
      return (long) a.getValues().size();
    }
    if (cur instanceof Number n) {
      return n.longValue();
    }
    if (cur instanceof List<?> l) {
      return (long) l.size();
    }
    return null;
  }

  /**
   * The cost of an argument value (Apollo's scoring): an input object costs its weight (default 1)
   * plus its fields, a list its weight (default 0) plus its items, null nothing, anything else its
   * weight (default 0). Variables are looked up in {@code variables}.
   */
  static long scoreLiteral(
      CostSchema schema, Value<?> v, Long weight, GraphQLNamedType type, Map<String, Object> vars) {
    if (v instanceof VariableReference ref) {
      return scoreValue(schema, vars.get(ref.getName()), weight, type);
    }
    if (v == null || v instanceof NullValue) {
      return 0;
    }
    if (v instanceof ObjectValue o && type instanceof GraphQLInputObjectType in) {
      long cost = weight == null ? 1 : weight;
      for (ObjectField f : o.getObjectFields()) {
        GraphQLInputObjectField def = in.getField(f.getName());
        if (def != null) {
          cost =
              add(
                  cost,
                  scoreLiteral(
                      schema,
                      f.getValue(),
                      inputWeight(schema, in, def),
                      named(def.getType()),
                      vars));
        }
      }
      return cost;
    }
    if (v instanceof ArrayValue a) {
      long cost = weight == null ? 0 : weight;
      for (Value<?> item : a.getValues()) {
        cost = add(cost, scoreLiteral(schema, item, weight, type, vars));
      }
      return cost;
    }
    return weight == null ? 0 : weight;
  }

  private static long scoreValue(CostSchema schema, Object v, Long weight, GraphQLNamedType type) {
    if (v == null) {
      return 0;
    }
    if (v instanceof Map<?, ?> m && type instanceof GraphQLInputObjectType in) {
      long cost = weight == null ? 1 : weight;
      for (Map.Entry<?, ?> e : m.entrySet()) {
        GraphQLInputObjectField def = in.getField(String.valueOf(e.getKey()));
        if (def != null) {
          cost =
              add(
                  cost,
                  scoreValue(
                      schema, e.getValue(), inputWeight(schema, in, def), named(def.getType())));
        }
      }
      return cost;
    }
    if (v instanceof List<?> l) {
      long cost = weight == null ? 0 : weight;
      for (Object item : l) {
        cost = add(cost, scoreValue(schema, item, weight, type));
      }
      return cost;
    }
    return weight == null ? 0 : weight;
  }

  private static GraphQLNamedType named(GraphQLInputType t) {
    return (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(t);
  }

  /** An input field's {@code @cost}, else its type's. */
  private static Long inputWeight(
      CostSchema schema, GraphQLInputObjectType in, GraphQLInputObjectField def) {
    return schema.effectiveInputFieldWeight(def);
  }

  static boolean hasVariables(Value<?> v) {
    if (v instanceof VariableReference) {
      return true;
    }
    if (v instanceof ObjectValue o) {
      for (ObjectField f : o.getObjectFields()) {
        if (hasVariables(f.getValue())) {
          return true;
        }
      }
    } else if (v instanceof ArrayValue a) {
      for (Value<?> item : a.getValues()) {
        if (hasVariables(item)) {
          return true;
        }
      }
    }
    return false;
  }

  static long add(long a, long b) {
    long r = a + b;
    return r > SATURATED ? SATURATED : r < -SATURATED ? -SATURATED : r;
  }

  static long mul(long a, long b) {
    if (a == 0 || b == 0) {
      return 0;
    }
    long hi = Math.multiplyHigh(a, b);
    long lo = a * b;
    if ((hi == 0 && lo >= 0) || (hi == -1 && lo < 0)) {
      return lo > SATURATED ? SATURATED : lo < -SATURATED ? -SATURATED : lo;
    }
    return (a > 0) == (b > 0) ? SATURATED : -SATURATED;
  }
}
