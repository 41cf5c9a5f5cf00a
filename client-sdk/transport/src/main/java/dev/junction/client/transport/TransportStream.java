package dev.junction.client.transport;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    headers = ResponseHeaders.copy(headers);
  }

  /** The first value of a header. */
  public Optional<String> header(String name) {
    return ResponseHeaders.first(headers, name);
  }

  @Override
  public void close() throws IOException {
    body.close();
  }
}
