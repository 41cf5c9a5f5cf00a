package dev.junction.client.transport;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Response headers as both response records keep them: names case-insensitive, values copied. */
final class ResponseHeaders {
  private ResponseHeaders() {}

  static Map<String, List<String>> copy(Map<String, List<String>> headers) {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, values) -> {
          if (name != null) {
            copy.put(name, List.copyOf(values));
          }
        });
    return copy;
  }

  static Optional<String> first(Map<String, List<String>> headers, String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
