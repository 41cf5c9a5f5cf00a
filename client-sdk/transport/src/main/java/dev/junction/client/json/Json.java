package dev.junction.client.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.junction.client.transport.InvalidResponseException;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;

/**
 * Small, explicit JSON readers and writers used by generated code. Every reader takes the response
 * path (for error messages) and throws {@link InvalidResponseException} on a shape mismatch.
 */
public final class Json {
  private Json() {}

  /** A new empty JSON object. */
  public static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  /** Requires {@code node} to be a JSON object. */
  public static JsonNode requireObject(JsonNode node, String path) {
    if (node == null || !node.isObject()) {
      throw mismatch(path, "an object", node);
    }
    return node;
  }

  /** The selected field: must be present (a JSON null is returned as {@link NullNode}). */
  public static JsonNode field(JsonNode parent, String key, String path) {
    JsonNode value = parent.get(key);
    if (value == null) {
      throw new InvalidResponseException(path + "." + key + ": selected field is missing");
    }
    return value;
  }

  /** A field under {@code @skip}/{@code @include}: absent is allowed and reads as null. */
  public static JsonNode conditionalField(JsonNode parent, String key) {
    JsonNode value = parent.get(key);
    return value == null ? NullNode.getInstance() : value;
  }

  /** Requires a non-null value. */
  public static JsonNode nonNull(JsonNode node, String path) {
    if (node == null || node.isNull()) {
      throw new InvalidResponseException(path + ": non-null field is null");
    }
    return node;
  }

  /** Reads a nullable value: null stays null, anything else goes through {@code reader}. */
  public static <T> T nullable(JsonNode node, String path, BiFunction<JsonNode, String, T> reader) {
    return node == null || node.isNull() ? null : reader.apply(node, path);
  }

  /** Reads a list; items go through {@code reader}. The result is unmodifiable. */
  public static <T> List<T> list(
      JsonNode node, String path, BiFunction<JsonNode, String, T> reader) {
    if (!node.isArray()) {
      throw mismatch(path, "a list", node);
    }
    List<T> items = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      items.add(reader.apply(node.get(i), path + "[" + i + "]"));
    }
    return Collections.unmodifiableList(items);
  }

  /** A {@code String}. */
  public static String asString(JsonNode node, String path) {
    if (!node.isTextual()) {
      throw mismatch(path, "a String", node);
    }
    return node.textValue();
  }

  /** An {@code ID}: a string (integers are accepted and converted, per the spec). */
  public static String asId(JsonNode node, String path) {
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isIntegralNumber()) {
      return node.asText();
    }
    throw mismatch(path, "an ID", node);
  }

  /** An {@code Int} (32-bit). */
  public static int asInt(JsonNode node, String path) {
    if (!node.isIntegralNumber() || !node.canConvertToInt()) {
      throw mismatch(path, "an Int", node);
    }
    return node.intValue();
  }

  /** A {@code Float}. */
  public static double asFloat(JsonNode node, String path) {
    if (!node.isNumber()) {
      throw mismatch(path, "a Float", node);
    }
    return node.doubleValue();
  }

  /** A {@code Boolean}. */
  public static boolean asBoolean(JsonNode node, String path) {
    if (!node.isBoolean()) {
      throw mismatch(path, "a Boolean", node);
    }
    return node.booleanValue();
  }

  /** A {@code Decimal}: a JSON string (or number) holding an exact decimal. */
  public static BigDecimal asDecimal(JsonNode node, String path) {
    try {
      if (node.isTextual()) {
        return new BigDecimal(node.textValue());
      }
      if (node.isNumber()) {
        return node.decimalValue();
      }
    } catch (NumberFormatException e) {
      throw mismatch(path, "a Decimal", node);
    }
    throw mismatch(path, "a Decimal", node);
  }

  /** A {@code DateTime}: an RFC 3339 string with offset. */
  public static OffsetDateTime asDateTime(JsonNode node, String path) {
    if (node.isTextual()) {
      try {
        return OffsetDateTime.parse(node.textValue());
      } catch (DateTimeParseException e) {
        throw mismatch(path, "a DateTime", node);
      }
    }
    throw mismatch(path, "a DateTime", node);
  }

  /** A custom scalar without a Java mapping: the raw JSON. */
  public static JsonNode asJson(JsonNode node, String path) {
    return node;
  }

  /** Serialises a variable value: scalars, generated enums and inputs, lists, null. */
  public static JsonNode toJsonValue(Object value) {
    if (value == null) {
      return NullNode.getInstance();
    } else if (value instanceof JsonNode node) {
      return node.deepCopy();
    } else if (value instanceof String s) {
      return TextNode.valueOf(s);
    } else if (value instanceof Integer i) {
      return IntNode.valueOf(i);
    } else if (value instanceof Long l) {
      return LongNode.valueOf(l);
    } else if (value instanceof Double d) {
      return DoubleNode.valueOf(d);
    } else if (value instanceof Boolean b) {
      return BooleanNode.valueOf(b);
    } else if (value instanceof BigDecimal decimal) {
      return TextNode.valueOf(decimal.toPlainString());
    } else if (value instanceof OffsetDateTime dateTime) {
      return TextNode.valueOf(dateTime.toString());
    } else if (value instanceof WireEnum e) {
      return TextNode.valueOf(e.wireName());
    } else if (value instanceof JsonInput input) {
      return input.toJson();
    } else if (value instanceof Collection<?> items) {
      ArrayNode array = JsonNodeFactory.instance.arrayNode();
      for (Object item : items) {
        array.add(toJsonValue(item));
      }
      return array;
    }
    throw new IllegalArgumentException("cannot serialise " + value.getClass().getName());
  }

  private static InvalidResponseException mismatch(String path, String expected, JsonNode actual) {
    String shown = actual == null ? "nothing" : actual.getNodeType() + " " + abbreviate(actual);
    return new InvalidResponseException(path + ": expected " + expected + ", got " + shown);
  }

  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }
}
