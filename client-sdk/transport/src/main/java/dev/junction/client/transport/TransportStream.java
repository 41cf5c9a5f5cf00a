package dev.junction.client.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An HTTP response whose body is read as it arrives (incremental delivery).
 *
 * @param status the HTTP status code
 * @param headers response headers, names case-insensitive
 * @param body the body stream; close the record when done
 */
public record TransportStream(int status, Map<String, List<String>> headers, InputStream body)
    implements Closeable {
  /** Copies the headers into a case-insensitive map. */
  public TransportStream {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach(
        (name, values) -> {
          if (name != null) {
            copy.put(name, List.copyOf(values));
          }
        });
    headers = copy;
  }

  /** The first value of a header. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
