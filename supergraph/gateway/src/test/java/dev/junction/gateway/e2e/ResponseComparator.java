package dev.junction.gateway.e2e;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Compares a client response with a case's {@code expected.json}.
 *
 * <ul>
 *   <li>{@code data}: exact, key order included (responses follow selection order). When {@code
 *       expected.json} has no {@code data} key the response must have none (request errors).
 *   <li>{@code errors}: order-insensitive, same count. An expected error matches an actual one when
 *       every key of its {@code extensions} is equal, its {@code path} is equal when it has a
 *       {@code path} key ({@code "path": null} demands no path), and its {@code message} is equal
 *       when it has one.
 * </ul>
 */
final class ResponseComparator {
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ResponseComparator() {}

  /** The differences, empty when the response matches. */
  static List<String> compare(Map<String, Object> expected, Map<String, Object> actual) {
    List<String> problems = new ArrayList<>();
    if (expected.containsKey("data")) {
      if (!actual.containsKey("data")) {
        problems.add("expected data, but the response has no data key");
      } else if (!pretty(expected.get("data")).equals(pretty(actual.get("data")))) {
        problems.add(
            "data differs\n--- expected\n"
                + pretty(expected.get("data"))
                + "\n--- actual\n"
                + pretty(actual.get("data")));
      }
    } else if (actual.containsKey("data")) {
      problems.add("expected no data key (request error), got data " + pretty(actual.get("data")));
    }
    List<Map<String, Object>> expectedErrors = errors(expected);
    List<Map<String, Object>> actualErrors = errors(actual);
    List<Map<String, Object>> unmatched = new ArrayList<>(actualErrors);
    List<Map<String, Object>> missing = new ArrayList<>();
    for (Map<String, Object> want : expectedErrors) {
      Map<String, Object> found = null;
      for (Map<String, Object> got : unmatched) {
        if (errorMatches(want, got)) {
          found = got;
          break;
        }
      }
      if (found == null) {
        missing.add(want);
      } else {
        unmatched.remove(found);
      }
    }
    if (!missing.isEmpty() || !unmatched.isEmpty()) {
      problems.add(
          "errors differ\n--- expected errors not found\n"
              + pretty(missing)
              + "\n--- unexpected errors\n"
              + pretty(unmatched)
              + "\n--- all actual errors\n"
              + pretty(actualErrors));
    }
    return problems;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> errors(Map<String, Object> response) {
    Object errors = response.get("errors");
    return errors instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
  }

  @SuppressWarnings("unchecked")
  static boolean errorMatches(Map<String, Object> want, Map<String, Object> got) {
    if (want.containsKey("path") && !FixtureValues.jsonEquals(want.get("path"), got.get("path"))) {
      return false;
    }
    if (want.containsKey("message")
        && !String.valueOf(want.get("message")).equals(got.get("message"))) {
      return false;
    }
    if (want.get("extensions") instanceof Map<?, ?> wantExt) {
      Map<String, Object> gotExt =
          got.get("extensions") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
      for (Map.Entry<?, ?> e : wantExt.entrySet()) {
        if (!gotExt.containsKey(String.valueOf(e.getKey()))
            || !FixtureValues.jsonEquals(e.getValue(), gotExt.get(String.valueOf(e.getKey())))) {
          return false;
        }
      }
    }
    return true;
  }

  static String pretty(Object value) {
    try {
      return PRETTY.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      return String.valueOf(value);
    }
  }
}
