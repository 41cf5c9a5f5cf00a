package dev.junction.client.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransportResponseTest {
  @Test
  void retryAfterAcceptsSecondsAndHttpDates() {
    assertThat(TransportResponse.parseRetryAfter("7")).contains(Duration.ofSeconds(7));
    String inTenSeconds =
        DateTimeFormatter.RFC_1123_DATE_TIME.format(
            ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(10));
    assertThat(TransportResponse.parseRetryAfter(inTenSeconds).orElseThrow())
        .isBetween(Duration.ofSeconds(8), Duration.ofSeconds(10));
    assertThat(TransportResponse.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT"))
        .contains(Duration.ZERO);
    assertThat(TransportResponse.parseRetryAfter("soon")).isEmpty();
    assertThat(TransportResponse.parseRetryAfter("-3")).isEmpty();
  }

  @Test
  void headersAreCaseInsensitive() {
    TransportResponse response =
        new TransportResponse(503, Map.of("retry-after", List.of("2")), new byte[0]);
    assertThat(response.header("Retry-After")).contains("2");
    assertThat(response.retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(response.successful()).isFalse();
  }

  @Test
  void httpStatusExceptionCountsOnlyServerErrorsAndThrottling() {
    assertThat(
            new HttpStatusException(new TransportResponse(503, Map.of(), new byte[0]))
                .countsAsFailure())
        .isTrue();
    assertThat(
            new HttpStatusException(new TransportResponse(429, Map.of(), new byte[0]))
                .countsAsFailure())
        .isTrue();
    assertThat(
            new HttpStatusException(new TransportResponse(404, Map.of(), new byte[0]))
                .countsAsFailure())
        .isFalse();
  }
}
