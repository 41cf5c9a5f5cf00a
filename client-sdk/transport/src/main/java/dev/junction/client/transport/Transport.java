package dev.junction.client.transport;

/**
 * Sends one HTTP request and returns the response, whatever its status. Implementations map I/O
 * failures to {@link TransportTimeoutException}, {@link TransportConnectException} or {@link
 * TransportIoException}; retries, circuit breaking and GraphQL semantics live above this interface,
 * in {@link dev.junction.client.GraphQLClient}.
 */
@FunctionalInterface
public interface Transport {
  /** Sends the request, honouring {@link TransportRequest#timeout()} for the whole exchange. */
  TransportResponse send(TransportRequest request);

  /**
   * Sends the request and returns as soon as the response headers are in, the body to be read as it
   * arrives ({@link TransportRequest#timeout()} bounds the wait for the headers and each read). The
   * default reads the whole body with {@link #send}.
   */
  default TransportStream open(TransportRequest request) {
    TransportResponse response = send(request);
    return new TransportStream(
        response.status(), response.headers(), new java.io.ByteArrayInputStream(response.body()));
  }
}
