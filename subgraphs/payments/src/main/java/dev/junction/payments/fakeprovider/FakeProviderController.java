package dev.junction.payments.fakeprovider;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * A fake payment provider for the local stack (enabled by {@code junction.fake-provider.enabled},
 * e.g. with the {@code fake-provider} profile on its own port): {@code POST /v1/charges} and {@code
 * POST /v1/refunds}, idempotent by the {@code Idempotency-Key} header, with a configurable random
 * decline rate and latency. The method {@code card-declined} is always declined. State is in
 * memory.
 */
@RestController
@ConditionalOnProperty(name = "junction.fake-provider.enabled", havingValue = "true")
@EnableConfigurationProperties(FakeProviderProperties.class)
public class FakeProviderController {
  private final FakeProviderProperties props;
  private final Map<String, Map<String, Object>> charges = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Object>> refunds = new ConcurrentHashMap<>();

  public FakeProviderController(FakeProviderProperties props) {
    this.props = props;
  }

  /** Charges once per idempotency key; 402 when declined. */
  @PostMapping("/v1/charges")
  public Mono<ResponseEntity<Map<String, Object>>> charge(
      @RequestHeader("Idempotency-Key") String key, @RequestBody Map<String, Object> body) {
    Map<String, Object> answer =
        charges.computeIfAbsent(
            key,
            k -> {
              Map<String, Object> a = new LinkedHashMap<>();
              boolean voided = refunds.containsKey("refund-" + k);
              boolean declined =
                  voided
                      || "card-declined".equals(body.get("method"))
                      || ThreadLocalRandom.current().nextDouble() < props.declineRate();
              if (declined) {
                a.put("status", "declined");
                a.put("reason", voided ? "voided" : "insufficient_funds");
              } else {
                a.put("id", "ch_" + UUID.randomUUID());
                a.put("status", "succeeded");
                a.put("amount", body.get("amount"));
                a.put("currency", body.get("currency"));
              }
              return a;
            });
    HttpStatus status =
        "declined".equals(answer.get("status")) ? HttpStatus.PAYMENT_REQUIRED : HttpStatus.OK;
    return Mono.just(ResponseEntity.status(status).body(answer)).delayElement(props.latency());
  }

  /**
   * Refunds the charge with the key {@code reference} once; 404 when there is none (the key is then
   * voided: a later charge with it is declined).
   */
  @PostMapping("/v1/refunds")
  public Mono<ResponseEntity<Map<String, Object>>> refund(
      @RequestHeader("Idempotency-Key") String key, @RequestBody Map<String, Object> body) {
    String reference = String.valueOf(body.get("reference"));
    Map<String, Object> charge = charges.get(reference);
    if (charge == null || !"succeeded".equals(charge.get("status"))) {
      refunds.putIfAbsent(key, Map.of("status", "voided"));
      return Mono.just(ResponseEntity.status(HttpStatus.NOT_FOUND).<Map<String, Object>>build())
          .delayElement(props.latency());
    }
    Map<String, Object> answer =
        refunds.computeIfAbsent(
            key, k -> Map.of("id", "re_" + UUID.randomUUID(), "status", "succeeded"));
    return Mono.just(ResponseEntity.ok(answer)).delayElement(props.latency());
  }
}
