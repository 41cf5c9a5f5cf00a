package dev.junction.client.generator;

import com.fasterxml.jackson.databind.JsonNode;
import graphql.introspection.Introspection;
import graphql.language.Definition;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLEnumType;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLOutputType;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLUnionType;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a GraphQL response JSON against an operation and the API schema: every selected field
 * present (unless under {@code @skip}/{@code @include}), no unknown fields, values of the right
 * type, no null in a non-null position, enum values known, {@code errors} well-formed. Used by the
 * contract tests so a schema change that invalidates a stubbed response fails the build.
 */
public final class ResponseValidator {
  private final GraphQLSchema schema;

  /** A validator for the given API schema. */
  public ResponseValidator(GraphQLSchema schema) {
    this.schema = schema;
  }

  /** The problems found (empty when the response is valid), each with its response path. */
  public List<String> validate(String document, JsonNode response) {
    Document parsed = Parser.parse(document);
    OperationDefinition operation = null;
    Map<String, FragmentDefinition> fragments = new HashMap<>();
    for (Definition<?> definition : parsed.getDefinitions()) {
      if (definition instanceof OperationDefinition o) {
        operation = o;
      } else if (definition instanceof FragmentDefinition f) {
        fragments.put(f.getName(), f);
      }
    }
    if (operation == null) {
      throw new IllegalArgumentException("document has no operation");
    }
    List<String> problems = new ArrayList<>();
    if (response == null || !response.isObject()) {
      problems.add("response is not a JSON object");
      return problems;
    }
    for (Iterator<String> it = response.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!List.of("data", "errors", "extensions").contains(key)) {
        problems.add("unknown top-level key '" + key + "'");
      }
    }
    if (!response.has("data") && !response.has("errors")) {
      problems.add("response has neither data nor errors");
    }
    errors(response.get("errors"), problems);
    JsonNode data = response.get("data");
    if (data != null && !data.isNull()) {
      GraphQLObjectType root =
          switch (operation.getOperation()) {
            case QUERY -> schema.getQueryType();
            case MUTATION -> schema.getMutationType();
            case SUBSCRIPTION -> schema.getSubscriptionType();
          };
      new Walk(fragments, problems)
          .object(root, List.of(operation.getSelectionSet()), data, "data");
    } else if (data != null
        && (response.get("errors") == null || response.get("errors").isEmpty())) {
      problems.add("data is null but there are no errors");
    }
    return problems;
  }

  private static void errors(JsonNode errors, List<String> problems) {
    if (errors == null) {
      return;
    }
    if (!errors.isArray() || errors.isEmpty()) {
      problems.add("errors: must be a non-empty list when present");
      return;
    }
    for (int i = 0; i < errors.size(); i++) {
      JsonNode error = errors.get(i);
      String at = "errors[" + i + "]";
      if (!error.path("message").isTextual()) {
        problems.add(at + ": message must be a string");
      }
      JsonNode path = error.get("path");
      if (path != null) {
        if (!path.isArray()) {
          problems.add(at + ".path: must be a list");
        } else {
          for (JsonNode segment : path) {
            if (!segment.isTextual() && !segment.isInt()) {
              problems.add(at + ".path: segments must be strings or integers");
            }
          }
        }
      }
      JsonNode extensions = error.get("extensions");
      if (extensions != null && !extensions.isObject()) {
        problems.add(at + ".extensions: must be an object");
      }
    }
  }

  private final class Walk {
    private final Map<String, FragmentDefinition> fragments;
    private final List<String> problems;

    Walk(Map<String, FragmentDefinition> fragments, List<String> problems) {
      this.fragments = fragments;
      this.problems = problems;
    }

    private record Collected(List<Field> fields, boolean conditional) {}

    void object(GraphQLCompositeType type, List<SelectionSet> sets, JsonNode value, String path) {
      if (!value.isObject()) {
        problems.add(
            path
                + ": expected an object of type "
                + type.getName()
                + ", got "
                + value.getNodeType());
        return;
      }
      GraphQLObjectType concrete;
      if (type instanceof GraphQLObjectType object) {
        concrete = object;
      } else {
        JsonNode typename = value.get("__typename");
        if (typename == null || !typename.isTextual()) {
          problems.add(
              path + ": __typename is required to resolve abstract type " + type.getName());
          return;
        }
        GraphQLType named = schema.getType(typename.textValue());
        if (!(named instanceof GraphQLObjectType object) || !possible(type, object)) {
          problems.add(
              path
                  + ".__typename: '"
                  + typename.textValue()
                  + "' is not a possible type of "
                  + type.getName());
          return;
        }
        concrete = object;
      }
      Map<String, Collected> collected = new LinkedHashMap<>();
      for (SelectionSet set : sets) {
        collect(concrete, set, false, collected);
      }
      for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
        String key = it.next();
        if (!collected.containsKey(key)) {
          problems.add(path + "." + key + ": not selected by the operation (unknown field)");
        }
      }
      for (Map.Entry<String, Collected> entry : collected.entrySet()) {
        String key = entry.getKey();
        String at = path + "." + key;
        JsonNode fieldValue = value.get(key);
        if (fieldValue == null) {
          if (!entry.getValue().conditional()) {
            problems.add(at + ": selected field is missing");
          }
          continue;
        }
        Field field = entry.getValue().fields().get(0);
        GraphQLOutputType fieldType;
        if (field.getName().equals(Introspection.TypeNameMetaFieldDef.getName())) {
          if (!fieldValue.isTextual() || !fieldValue.textValue().equals(concrete.getName())) {
            problems.add(at + ": expected \"" + concrete.getName() + "\", got " + fieldValue);
          }
          continue;
        }
        var definition = ((GraphQLFieldsContainer) concrete).getFieldDefinition(field.getName());
        if (definition == null) {
          problems.add(
              at + ": field '" + field.getName() + "' does not exist on " + concrete.getName());
          continue;
        }
        fieldType = definition.getType();
        List<SelectionSet> childSets = new ArrayList<>();
        for (Field f : entry.getValue().fields()) {
          if (f.getSelectionSet() != null) {
            childSets.add(f.getSelectionSet());
          }
        }
        value(fieldType, childSets, fieldValue, at);
      }
    }

    private void value(GraphQLType type, List<SelectionSet> sets, JsonNode value, String path) {
      if (type instanceof GraphQLNonNull nonNull) {
        if (value.isNull()) {
          problems.add(path + ": null in a non-null position (" + type + ")");
          return;
        }
        value(nonNull.getWrappedType(), sets, value, path);
        return;
      }
      if (value.isNull()) {
        return;
      }
      if (type instanceof GraphQLList list) {
        if (!value.isArray()) {
          problems.add(path + ": expected a list, got " + value.getNodeType());
          return;
        }
        for (int i = 0; i < value.size(); i++) {
          value(list.getWrappedType(), sets, value.get(i), path + "[" + i + "]");
        }
      } else if (type instanceof GraphQLScalarType scalar) {
        scalar(scalar.getName(), value, path);
      } else if (type instanceof GraphQLEnumType enumType) {
        if (!value.isTextual() || enumType.getValue(value.textValue()) == null) {
          problems.add(path + ": " + value + " is not a value of enum " + enumType.getName());
        }
      } else {
        object((GraphQLCompositeType) type, sets, value, path);
      }
    }

    private void scalar(String name, JsonNode value, String path) {
      boolean ok =
          switch (name) {
            case "String" -> value.isTextual();
            case "ID" -> value.isTextual() || value.isIntegralNumber();
            case "Int" -> value.isIntegralNumber() && value.canConvertToInt();
            case "Float" -> value.isNumber();
            case "Boolean" -> value.isBoolean();
            case "Decimal" -> value.isTextual() && isDecimal(value.textValue());
            case "DateTime" -> value.isTextual() && isDateTime(value.textValue());
            default -> true;
          };
      if (!ok) {
        problems.add(path + ": " + value + " is not a valid " + name);
      }
    }

    private void collect(
        GraphQLObjectType concrete,
        SelectionSet set,
        boolean conditional,
        Map<String, Collected> out) {
      for (Selection<?> selection : set.getSelections()) {
        if (selection instanceof Field field) {
          boolean fieldConditional = conditional || isConditional(field.getDirectives());
          Collected previous = out.get(field.getResultKey());
          List<Field> fields = previous == null ? new ArrayList<>() : previous.fields();
          fields.add(field);
          out.put(
              field.getResultKey(),
              new Collected(
                  fields,
                  previous == null
                      ? fieldConditional
                      : previous.conditional() && fieldConditional));
        } else if (selection instanceof InlineFragment fragment) {
          if (fragment.getTypeCondition() == null
              || applies(fragment.getTypeCondition().getName(), concrete)) {
            collect(
                concrete,
                fragment.getSelectionSet(),
                conditional || isConditional(fragment.getDirectives()),
                out);
          }
        } else if (selection instanceof FragmentSpread spread) {
          FragmentDefinition definition = fragments.get(spread.getName());
          if (definition != null && applies(definition.getTypeCondition().getName(), concrete)) {
            collect(
                concrete,
                definition.getSelectionSet(),
                conditional || isConditional(spread.getDirectives()),
                out);
          }
        }
      }
    }

    private boolean applies(String condition, GraphQLObjectType concrete) {
      GraphQLType type = schema.getType(condition);
      return type instanceof GraphQLCompositeType composite && possible(composite, concrete);
    }
  }

  private boolean possible(GraphQLCompositeType type, GraphQLObjectType object) {
    if (type instanceof GraphQLObjectType) {
      return type.getName().equals(object.getName());
    }
    if (type instanceof GraphQLInterfaceType iface) {
      return schema.getImplementations(iface).stream()
          .anyMatch(o -> o.getName().equals(object.getName()));
    }
    return ((GraphQLUnionType) type)
        .getTypes().stream().anyMatch(o -> o.getName().equals(object.getName()));
  }

  private static boolean isConditional(List<Directive> directives) {
    return directives.stream()
        .anyMatch(d -> d.getName().equals("skip") || d.getName().equals("include"));
  }

  private static boolean isDecimal(String text) {
    try {
      new BigDecimal(text);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isDateTime(String text) {
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }
}
