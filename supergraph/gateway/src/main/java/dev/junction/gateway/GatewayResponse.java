package dev.junction.gateway;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response to one client request: {@code data}, {@code errors} and {@code extensions} as the
 * GraphQL over HTTP spec lays them out.
 */
public final class GatewayResponse {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

  private Object data;
  private final boolean hasData;
  private byte[] rendered;
  private final List<Map<String, Object>> errors;
  private final Map<String, Object> extensions;
  private final int httpStatus;
  private boolean incremental;

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

  /**
   * An executed operation whose {@code data} is already written as JSON ({@code dataJson} holds
   * {@code dataLength} bytes, possibly {@code null}); the body is assembled around it once.
   */
  public static GatewayResponse executedJson(
      byte[] dataJson,
      int dataLength,
      List<Map<String, Object>> errors,
      Map<String, Object> extensions) {
    GatewayResponse r = new GatewayResponse(null, true, errors, extensions, 200);
    r.rendered = r.assemble(dataJson, dataLength);
    r.data = UNPARSED;
    return r;
  }

  private static final Object UNPARSED = new Object();

  private byte[] assemble(byte[] dataJson, int dataLength) {
    try {
      byte[] head =
          errors.isEmpty()
              ? OPEN_DATA
              : concat("{\"errors\":".getBytes(UTF_8), JSON.writeValueAsBytes(errors), COMMA_DATA);
      byte[] tail =
          extensions.isEmpty()
              ? CLOSE
              : concat(
                  ",\"extensions\":".getBytes(UTF_8), JSON.writeValueAsBytes(extensions), CLOSE);
      byte[] out = new byte[head.length + dataLength + tail.length];
      System.arraycopy(head, 0, out, 0, head.length);
      System.arraycopy(dataJson, 0, out, head.length, dataLength);
      System.arraycopy(tail, 0, out, head.length + dataLength, tail.length);
      return out;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("response is not serializable", e);
    }
  }

  private static final byte[] OPEN_DATA = "{\"data\":".getBytes(UTF_8);
  private static final byte[] COMMA_DATA = ",\"data\":".getBytes(UTF_8);
  private static final byte[] CLOSE = "}".getBytes(UTF_8);

  private static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int at = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
    }
    return out;
  }

  /**
   * One payload of an incremental response ({@code @defer}): the primary part or a subsequent one,
   * already written as JSON with its {@code hasNext}.
   */
  public static GatewayResponse incrementalPart(byte[] json) {
    GatewayResponse r = new GatewayResponse(null, true, null, null, 200);
    r.rendered = json;
    r.data = UNPARSED;
    r.incremental = true;
    return r;
  }

  /** Whether this is one payload of an incremental response. */
  public boolean incremental() {
    return incremental;
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
      out.put("data", data());
    }
    if (!extensions.isEmpty()) {
      out.put("extensions", extensions);
    }
    return out;
  }

  /** The response as UTF-8 JSON. */
  public byte[] toJson() {
    if (rendered != null) {
      return rendered;
    }
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

  /** The {@code data} as maps and lists (parsed back when it was written as JSON). */
  public synchronized Object data() {
    if (data == UNPARSED) {
      try {
        data = JSON.readValue(rendered, Map.class).get("data");
      } catch (java.io.IOException e) {
        throw new IllegalStateException("the gateway wrote invalid JSON", e);
      }
    }
    return data;
  }

  public List<Map<String, Object>> errors() {
    return errors;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }
}
