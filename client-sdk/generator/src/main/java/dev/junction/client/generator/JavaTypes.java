package dev.junction.client.generator;

import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLType;
import java.util.Set;
import java.util.TreeSet;

/**
 * GraphQL to Java type mapping: {@code Decimal} to {@code BigDecimal}, {@code DateTime} to {@code
 * OffsetDateTime}, {@code ID} to {@code String}, enums and inputs to generated types. Records the
 * enums and inputs it meets so they can be generated.
 */
final class JavaTypes {
  static final String JSON = "dev.junction.client.json.Json";
  private final String typePackage;
  final Set<String> enums = new TreeSet<>();
  final Set<String> inputs = new TreeSet<>();

  JavaTypes(String typePackage) {
    this.typePackage = typePackage;
  }

  String typePackage() {
    return typePackage;
  }

  /** The Java type of an output type; {@code child} names the record of a composite type. */
  String output(GraphQLType type, String child, boolean boxed) {
    if (type instanceof GraphQLNonNull nonNull) {
      return outputNonNull(nonNull.getWrappedType(), child, boxed);
    }
    return outputNonNull(type, child, true);
  }

  private String outputNonNull(GraphQLType type, String child, boolean boxed) {
    if (type instanceof GraphQLList list) {
      return "java.util.List<" + output(list.getWrappedType(), child, true) + ">";
    }
    if (type instanceof GraphQLScalarType scalar) {
      return scalar(scalar.getName(), boxed);
    }
    if (type instanceof GraphQLEnumType enumType) {
      enums.add(enumType.getName());
      return typePackage + "." + enumType.getName();
    }
    return child;
  }

  /** The Java type of an input type. */
  String input(GraphQLType type, boolean boxed) {
    if (type instanceof GraphQLNonNull nonNull) {
      return inputNonNull(nonNull.getWrappedType(), boxed);
    }
    return inputNonNull(type, true);
  }

  private String inputNonNull(GraphQLType type, boolean boxed) {
    if (type instanceof GraphQLList list) {
      return "java.util.List<" + input(list.getWrappedType(), true) + ">";
    }
    if (type instanceof GraphQLScalarType scalar) {
      return scalar(scalar.getName(), boxed);
    }
    if (type instanceof GraphQLEnumType enumType) {
      enums.add(enumType.getName());
      return typePackage + "." + enumType.getName();
    }
    GraphQLInputObjectType input = (GraphQLInputObjectType) type;
    inputs.add(input.getName());
    return typePackage + "." + input.getName();
  }

  static String scalar(String name, boolean boxed) {
    return switch (name) {
      case "String", "ID" -> "java.lang.String";
      case "Int" -> boxed ? "java.lang.Integer" : "int";
      case "Float" -> boxed ? "java.lang.Double" : "double";
      case "Boolean" -> boxed ? "java.lang.Boolean" : "boolean";
      case "Decimal" -> "java.math.BigDecimal";
      case "DateTime" -> "java.time.OffsetDateTime";
      default -> "com.fasterxml.jackson.databind.JsonNode";
    };
  }

  static String scalarReader(String name) {
    return switch (name) {
      case "String" -> "asString";
      case "ID" -> "asId";
      case "Int" -> "asInt";
      case "Float" -> "asFloat";
      case "Boolean" -> "asBoolean";
      case "Decimal" -> "asDecimal";
      case "DateTime" -> "asDateTime";
      default -> "asJson";
    };
  }

  /**
   * A Java expression reading {@code node} (at {@code path}) as {@code type}; {@code depth} keeps
   * lambda parameter names unique.
   */
  String read(GraphQLType type, String node, String path, String child, int depth) {
    if (type instanceof GraphQLNonNull nonNull) {
      return readNonNull(
          nonNull.getWrappedType(),
          JSON + ".nonNull(" + node + ", " + path + ")",
          path,
          child,
          depth);
    }
    String n = "n" + depth;
    String p = "p" + depth;
    return JSON
        + ".nullable("
        + node
        + ", "
        + path
        + ", ("
        + n
        + ", "
        + p
        + ") -> "
        + readNonNull(type, n, p, child, depth + 1)
        + ")";
  }

  private String readNonNull(GraphQLType type, String node, String path, String child, int depth) {
    if (type instanceof GraphQLList list) {
      String n = "n" + depth;
      String p = "p" + depth;
      return JSON
          + ".list("
          + node
          + ", "
          + path
          + ", ("
          + n
          + ", "
          + p
          + ") -> "
          + read(list.getWrappedType(), n, p, child, depth + 1)
          + ")";
    }
    if (type instanceof GraphQLScalarType scalar) {
      return JSON + "." + scalarReader(scalar.getName()) + "(" + node + ", " + path + ")";
    }
    if (type instanceof GraphQLEnumType enumType) {
      enums.add(enumType.getName());
      return typePackage
          + "."
          + enumType.getName()
          + ".fromWire("
          + JSON
          + ".asString("
          + node
          + ", "
          + path
          + "))";
    }
    return child + ".fromJson(" + node + ", " + path + ")";
  }
}
