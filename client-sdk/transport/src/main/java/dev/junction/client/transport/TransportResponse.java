package dev.junction.client.transport;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP response as received, any status.
 *
 * @param status the HTTP status code
 * @param headers response headers, names case-insensitive
 * @param body the raw body
 */
public record TransportResponse(int status, Map<String, List<String>> headers, byte[] body) {
  /** Copies the headers into a case-insensitive map. */
  public TransportResponse {
    headers = ResponseHeaders.copy(headers);
  }

  /** The first value of a header. */
  public Optional<String> header(String name) {
    return ResponseHeaders.first(headers, name);
  }

  /** Whether the status is 2xx. */
  public boolean successful() {
    return status >= 200 && status < 300;
  }

  /**
   * The {@code Retry-After} header as a duration: delta-seconds or an HTTP date (relative to now).
   */
  public Optional<Duration> retryAfter() {
    return header("Retry-After").flatMap(TransportResponse::parseRetryAfter);
  }

  static Optional<Duration> parseRetryAfter(String value) {
    String v = value.trim();
    try {
      long seconds = Long.parseLong(v);
      return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
    } catch (NumberFormatException notSeconds) {
      try {
        ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
        Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
        return Optional.of(d.isNegative() ? Duration.ZERO : d);
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }

  @Override
  public String toString() {
    return "TransportResponse[status=" + status + ", bytes=" + body.length + "]";
  }
}
