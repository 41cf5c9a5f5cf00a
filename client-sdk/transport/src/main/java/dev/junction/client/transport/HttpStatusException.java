package dev.junction.client.transport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/** The server answered with a non-2xx HTTP status. */
public final class HttpStatusException extends TransportException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_BODY_IN_MESSAGE = 300;

  private final int status;
  private final transient Duration retryAfter;
  private final String body;

  /** Creates the exception from a response. */
  public HttpStatusException(TransportResponse response) {
    super(message(response), null);
    this.status = response.status();
    this.retryAfter = response.retryAfter().orElse(null);
    this.body = new String(response.body(), StandardCharsets.UTF_8);
  }

  private static String message(TransportResponse response) {
    String text = new String(response.body(), StandardCharsets.UTF_8);
    if (text.length() > MAX_BODY_IN_MESSAGE) {
      text = text.substring(0, MAX_BODY_IN_MESSAGE) + "...";
    }
    return "HTTP " + response.status() + (text.isBlank() ? "" : ": " + text);
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** The server's {@code Retry-After}, if it sent one. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** The response body as text. */
  public String body() {
    return body;
  }

  /** Server errors and throttling count against the circuit breaker; client errors do not. */
  @Override
  public boolean countsAsFailure() {
    return status >= 500 || status == 429;
  }
}
