package dev.junction.gateway.execution;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for GraphQL error maps with {@code extensions.code}. */
public final class GraphQLErrors {
  public static final String PARSE_FAILED = "GRAPHQL_PARSE_FAILED";
  public static final String VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED";
  public static final String BAD_USER_INPUT = "BAD_USER_INPUT";
  public static final String PLANNING_FAILED = "QUERY_PLANNING_FAILED";
  public static final String SUBGRAPH_UNAVAILABLE = "SUBGRAPH_UNAVAILABLE";
  public static final String SUBGRAPH_TIMEOUT = "SUBGRAPH_TIMEOUT";
  public static final String SUBGRAPH_BULKHEAD_FULL = "SUBGRAPH_BULKHEAD_FULL";
  public static final String CIRCUIT_OPEN = "CIRCUIT_OPEN";
  public static final String SUBGRAPH_INVALID_RESPONSE = "SUBGRAPH_INVALID_RESPONSE";
  public static final String INVALID_ENUM_VALUE = "INVALID_ENUM_VALUE";
  public static final String INTROSPECTION_DISABLED = "INTROSPECTION_DISABLED";
  public static final String OPERATION_NOT_SUPPORTED = "OPERATION_NOT_SUPPORTED";
  public static final String INTERNAL = "INTERNAL_SERVER_ERROR";

  private GraphQLErrors() {}

  /** Whether {@code errors} is the one error of an operation that could not be planned. */
  public static boolean planningFailed(List<Map<String, Object>> errors) {
    return errors.size() == 1
        && errors.get(0).get("extensions") instanceof Map<?, ?> ext
        && PLANNING_FAILED.equals(ext.get("code"));
  }

  /** An error with a message, a code and optionally a path and a subgraph name. */
  public static Map<String, Object> error(
      String message, String code, List<Object> path, String serviceName) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("message", message);
    if (path != null) {
      e.put("path", new ArrayList<>(path));
    }
    Map<String, Object> ext = new LinkedHashMap<>();
    ext.put("code", code);
    if (serviceName != null) {
      ext.put("serviceName", serviceName);
    }
    e.put("extensions", ext);
    return e;
  }

  /** An error with just a message and a code. */
  public static Map<String, Object> error(String message, String code) {
    return error(message, code, null, null);
  }
}
