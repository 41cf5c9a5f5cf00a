package dev.junction.payments.provider;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

/**
 * The REST client of the external payment provider: {@code POST /v1/charges} and {@code POST
 * /v1/refunds}, each with an {@code Idempotency-Key} header (the order id; {@code refund-<order
 * id>} for refunds), so that a retried call has its effect once at the provider. Every call runs
 * under a Resilience4j time-out, retry (time-outs, 5xx, unreadable answers, connection failures)
 * and circuit breaker; a failure that outlives them is a {@link ProviderUnavailableException}.
 */
public class PaymentProviderClient {
  /** The header carrying the idempotency key. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebClient http;
  private final Retry retry;
  private final TimeLimiter timeLimiter;
  private final CircuitBreaker circuitBreaker;

  public PaymentProviderClient(ProviderProperties props) {
    this.http =
        WebClient.builder()
            .baseUrl(props.url())
            .defaultHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
            .build();
    this.retry =
        Retry.of(
            "payment-provider",
            RetryConfig.custom()
                .maxAttempts(props.maxAttempts())
                .waitDuration(props.retryWait())
                .retryOnException(PaymentProviderClient::isTransient)
                .build());
    this.timeLimiter =
        TimeLimiter.of(
            TimeLimiterConfig.custom()
                .timeoutDuration(props.timeout())
                .cancelRunningFuture(true)
                .build());
    this.circuitBreaker =
        CircuitBreaker.of(
            "payment-provider",
            CircuitBreakerConfig.custom()
                .slidingWindowSize(10)
                .minimumNumberOfCalls(5)
                .failureRateThreshold(props.failureRateThreshold())
                .waitDurationInOpenState(props.openDuration())
                .recordException(PaymentProviderClient::isTransient)
                .build());
  }

  /** The circuit breaker, for health and tests. */
  public CircuitBreaker circuitBreaker() {
    return circuitBreaker;
  }

  /** Charges {@code amount} for the order; a declined card is an outcome, not an error. */
  public Mono<ChargeOutcome> charge(
      String orderId, BigDecimal amount, String currency, String method) {
    Map<String, Object> body =
        Map.of(
            "reference", orderId,
            "amount", amount.toPlainString(),
            "currency", currency,
            "method", method);
    return call("/v1/charges", orderId, body)
        .map(
            answer -> {
              String status = answer.json().path("status").asText("");
              if (answer.status() == 402 || status.equals("declined")) {
                return new ChargeOutcome(
                    false, null, answer.json().path("reason").asText("declined"));
              }
              String id = answer.json().path("id").asText("");
              if (answer.status() != 200 || !status.equals("succeeded") || id.isEmpty()) {
                throw new GarbageAnswer("unexpected charge answer " + answer.status());
              }
              return new ChargeOutcome(true, id, null);
            })
        .transformDeferred(this::resilient);
  }

  /**
   * Refunds the order's charge; emits true when refunded, false when the provider knows no charge
   * for the order (it then voids the key, so a late charge with it is declined).
   */
  public Mono<Boolean> refund(String orderId) {
    return call("/v1/refunds", "refund-" + orderId, Map.of("reference", orderId))
        .map(
            answer -> {
              if (answer.status() == 404) {
                return false;
              }
              if (answer.status() != 200
                  || !answer.json().path("status").asText("").equals("succeeded")) {
                throw new GarbageAnswer("unexpected refund answer " + answer.status());
              }
              return true;
            })
        .transformDeferred(this::resilient);
  }

  private <T> Mono<T> resilient(Mono<T> call) {
    return call.transformDeferred(TimeLimiterOperator.of(timeLimiter))
        .transformDeferred(CircuitBreakerOperator.of(circuitBreaker))
        .transformDeferred(RetryOperator.of(retry))
        .onErrorMap(
            e -> isTransient(e) || e instanceof CallNotPermittedException,
            e -> new ProviderUnavailableException("payment provider unavailable: " + e, e));
  }

  private Mono<Answer> call(String path, String key, Map<String, Object> body) {
    return Mono.defer(
        () -> {
          String json;
          try {
            json = JSON.writeValueAsString(body);
          } catch (JsonProcessingException e) {
            return Mono.error(e);
          }
          return http.post()
              .uri(path)
              .header(IDEMPOTENCY_KEY, key)
              .bodyValue(json)
              .exchangeToMono(
                  response -> {
                    HttpStatusCode status = response.statusCode();
                    if (status.is5xxServerError() || status.value() == 429) {
                      return response
                          .releaseBody()
                          .then(Mono.error(new ServerError(status.value())));
                    }
                    return response
                        .bodyToMono(String.class)
                        .defaultIfEmpty("")
                        .map(text -> new Answer(status.value(), parse(text, status.value())));
                  })
              .onErrorMap(WebClientRequestException.class, e -> new ServerError(-1));
        });
  }

  private static JsonNode parse(String text, int status) {
    if (status == 404) {
      return JSON.createObjectNode();
    }
    try {
      JsonNode node = JSON.readTree(text);
      if (node == null || !node.isObject()) {
        throw new GarbageAnswer("not a JSON object");
      }
      return node;
    } catch (JsonProcessingException e) {
      throw new GarbageAnswer("unreadable JSON");
    }
  }

  private static boolean isTransient(Throwable e) {
    return e instanceof TimeoutException || e instanceof ServerError || e instanceof GarbageAnswer;
  }

  private record Answer(int status, JsonNode json) {}

  private static final class ServerError extends RuntimeException {
    ServerError(int status) {
      super(status < 0 ? "provider unreachable" : "provider answered HTTP " + status);
    }
  }

  private static final class GarbageAnswer extends RuntimeException {
    GarbageAnswer(String message) {
      super(message);
    }
  }
}
