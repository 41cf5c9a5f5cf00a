package dev.junction.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response to one client request: {@code data}, {@code errors} and {@code extensions} as the
 * GraphQL over HTTP spec lays them out.
 */
public final class GatewayResponse {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Object data;
  private final boolean hasData;
  private final List<Map<String, Object>> errors;
  private final Map<String, Object> extensions;
  private final int httpStatus;

  private GatewayResponse(
      Object data,
      boolean hasData,
      List<Map<String, Object>> errors,
      Map<String, Object> extensions,
      int httpStatus) {
    this.data = data;
    this.hasData = hasData;
    this.errors = errors == null ? List.of() : errors;
    this.extensions = extensions == null ? Map.of() : extensions;
    this.httpStatus = httpStatus;
  }

  /** An executed operation: {@code data} (possibly null after null propagation) and errors. */
  public static GatewayResponse executed(
      Object data, List<Map<String, Object>> errors, Map<String, Object> extensions) {
    return new GatewayResponse(data, true, errors, extensions, 200);
  }

  /** A request that failed before execution (parse or validation errors): no {@code data}. */
  public static GatewayResponse requestError(List<Map<String, Object>> errors, int httpStatus) {
    return new GatewayResponse(null, false, errors, null, httpStatus);
  }

  /** The response as ordered maps and lists, ready for a JSON writer. */
  public Map<String, Object> toSpecification() {
    Map<String, Object> out = new LinkedHashMap<>();
    if (!errors.isEmpty()) {
      out.put("errors", errors);
    }
    if (hasData) {
      out.put("data", data);
    }
    if (!extensions.isEmpty()) {
      out.put("extensions", extensions);
    }
    return out;
  }

  /** The response as UTF-8 JSON. */
  public byte[] toJson() {
    try {
      return JSON.writeValueAsBytes(toSpecification());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response is not serializable", e);
    }
  }

  /** 200 for executed operations, 400 for requests that could not be executed. */
  public int httpStatus() {
    return httpStatus;
  }

  public Object data() {
    return data;
  }

  public List<Map<String, Object>> errors() {
    return errors;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }
}
