package dev.junction.gateway.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Evaluates the value directives of a fixture. A directive is a JSON object with exactly one key
 * starting with {@code $}:
 *
 * <ul>
 *   <li>{@code {"$byArgs": [{"args": {...}, "value": v}, ...]}}: the first entry whose {@code args}
 *       all equal the field's arguments (entries without {@code args} match anything);
 *   <li>{@code {"$error": {"message": m, "extensions": {...}}}} (or a list of them): the field is
 *       null with these errors, at the field's path;
 *   <li>{@code {"$sequence": [v1, v2, ...]}}: v1 on the first call, v2 on the second, ...; the last
 *       value repeats;
 *   <li>{@code {"$rep": "a.b"}}: that field of the entity representation the gateway sent (an error
 *       when it is missing, so a gateway that forgets a {@code @requires} field is caught);
 *   <li>{@code {"$format": "text {rep.a.b} {args.x}"}}: a string built from the representation and
 *       the field's arguments (an error when a placeholder is missing).
 * </ul>
 *
 * Directives nest: a {@code $byArgs} value may itself be a {@code $format}.
 */
final class FixtureValues {
  static final String REPRESENTATION = "$representation";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(rep|args)\\.([A-Za-z0-9_.]+)}");
  private static final int MAX_DEPTH = 8;

  private final Map<Object, Integer> sequenceCalls = new IdentityHashMap<>();

  /** A resolved value and the errors resolving it raised. */
  record Resolved(Object value, List<Map<String, Object>> errors) {}

  Resolved resolve(Object raw, Map<String, Object> args, Object representation) {
    Object value = raw;
    for (int depth = 0; depth < MAX_DEPTH; depth++) {
      if (!(value instanceof Map<?, ?> map) || map.size() != 1) {
        return new Resolved(value, List.of());
      }
      String directive = String.valueOf(map.keySet().iterator().next());
      Object operand = map.values().iterator().next();
      switch (directive) {
        case "$byArgs" -> value = byArgs(operand, args);
        case "$error" -> {
          return new Resolved(null, errors(operand));
        }
        case "$sequence" -> value = sequence(operand);
        case "$rep" -> value = path(representation, String.valueOf(operand), MISSING);
        case "$format" -> value = format(String.valueOf(operand), args, representation);
        default -> {
          return new Resolved(value, List.of());
        }
      }
      if (value == MISSING || value instanceof Failure) {
        String why =
            value instanceof Failure f ? f.message() : "representation lacks " + operand + "";
        return new Resolved(null, List.of(Map.of("message", "fixture: " + why)));
      }
    }
    return new Resolved(null, List.of(Map.of("message", "fixture: directives nested too deep")));
  }

  private static final Object MISSING = new Object();

  private record Failure(String message) {}

  @SuppressWarnings("unchecked")
  private static Object byArgs(Object operand, Map<String, Object> args) {
    if (!(operand instanceof List<?> entries)) {
      return new Failure("$byArgs needs a list");
    }
    for (Object e : entries) {
      Map<String, Object> entry = (Map<String, Object>) e;
      Object expected = entry.get("args");
      if (expected == null || argsMatch((Map<String, Object>) expected, args)) {
        return entry.get("value");
      }
    }
    return new Failure("no $byArgs entry for arguments " + toJson(args));
  }

  private static boolean argsMatch(Map<String, Object> expected, Map<String, Object> actual) {
    for (Map.Entry<String, Object> e : expected.entrySet()) {
      if (!actual.containsKey(e.getKey()) || !jsonEquals(e.getValue(), actual.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> errors(Object operand) {
    List<Map<String, Object>> out = new ArrayList<>();
    if (operand instanceof List<?> list) {
      list.forEach(e -> out.add((Map<String, Object>) e));
    } else if (operand instanceof Map<?, ?> m) {
      out.add((Map<String, Object>) m);
    }
    return out;
  }

  private synchronized Object sequence(Object operand) {
    if (!(operand instanceof List<?> list) || list.isEmpty()) {
      return new Failure("$sequence needs a non-empty list");
    }
    int call = sequenceCalls.merge(operand, 1, Integer::sum) - 1;
    return list.get(Math.min(call, list.size() - 1));
  }

  private static Object format(String template, Map<String, Object> args, Object representation) {
    Matcher m = PLACEHOLDER.matcher(template);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      Object source = m.group(1).equals("rep") ? representation : args;
      Object v = path(source, m.group(2), MISSING);
      if (v == MISSING) {
        return new Failure("no value for {" + m.group(1) + "." + m.group(2) + "}");
      }
      m.appendReplacement(
          out, Matcher.quoteReplacement(v instanceof String s ? s : String.valueOf(toJson(v))));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static Object path(Object source, String path, Object missing) {
    Object current = source;
    for (String part : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map) || !map.containsKey(part)) {
        return missing;
      }
      current = map.get(part);
    }
    return current;
  }

  static boolean jsonEquals(Object a, Object b) {
    if (a == null || b == null) {
      return a == b;
    }
    JsonNode x = JSON.valueToTree(a);
    JsonNode y = JSON.valueToTree(b);
    return x.equals(
        (o1, o2) -> {
          if (o1.isNumber() && o2.isNumber()) {
            return o1.decimalValue().compareTo(o2.decimalValue()) == 0 ? 0 : 1;
          }
          return o1.equals(o2) ? 0 : 1;
        },
        y);
  }

  static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      return String.valueOf(value);
    }
  }
}
