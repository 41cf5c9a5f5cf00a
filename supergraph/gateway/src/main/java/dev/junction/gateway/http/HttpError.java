package dev.junction.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request the HTTP layer refuses before it reaches the engine: an HTTP status and one GraphQL
 * error with {@code extensions.code}.
 */
final class HttpError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final int status;
  private final String code;

  HttpError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static HttpError badRequest(String message) {
    return new HttpError(400, "BAD_REQUEST", message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  /** {@code {"errors":[{"message":..., "extensions":{"code":...}}]}} as UTF-8 JSON. */
  byte[] body() {
    return body(getMessage(), code);
  }

  static byte[] body(String message, String code) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("message", message);
    error.put("extensions", Map.of("code", code));
    try {
      return JSON.writeValueAsBytes(Map.of("errors", List.of(error)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
