package dev.junction.payments.payment;

import dev.junction.payments.provider.PaymentProviderClient;
import dev.junction.payments.provider.ProviderUnavailableException;
import dev.junction.subgraph.common.error.SubgraphException;
import dev.junction.subgraph.common.money.Money;
import io.r2dbc.spi.R2dbcDataIntegrityViolationException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Payment rules: reads, and the checkout saga's charge and refund. A saga payment has the id {@code
 * pay-<order id>}: it is inserted {@code PENDING} before the provider is called (the primary key
 * makes one per order, even for racing calls) and moved to its outcome after, so a repeated call
 * either returns the outcome or calls the provider again with the same idempotency key, which
 * charges once.
 */
@Service
public class PaymentService {
  /** The provider declined the card. */
  public static final String PAYMENT_DECLINED = "PAYMENT_DECLINED";

  /** The order's payment was cancelled (refunded before it was charged). */
  public static final String PAYMENT_CANCELLED = "PAYMENT_CANCELLED";

  /** The provider could not be reached; the call may be repeated. */
  public static final String PAYMENT_PROVIDER_UNAVAILABLE = "PAYMENT_PROVIDER_UNAVAILABLE";

  private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000.00");

  private final PaymentRepository payments;
  private final PaymentProviderClient provider;
  private final Clock clock = Clock.systemUTC();

  public PaymentService(PaymentRepository payments, PaymentProviderClient provider) {
    this.payments = payments;
    this.provider = provider;
  }

  /** The id of the saga payment of an order. */
  public static String sagaPaymentId(String orderId) {
    return "pay-" + orderId;
  }

  /**
   * Charges the order once: {@code CAPTURED} (or the earlier outcome), {@code PAYMENT_DECLINED},
   * {@code PAYMENT_CANCELLED} after a refund, or {@code PAYMENT_PROVIDER_UNAVAILABLE} (the payment
   * stays {@code PENDING} and a repeated call resumes it).
   */
  public Mono<Payment> charge(String orderId, BigDecimal amount, String currency, String method) {
    return charge(orderId, null, amount, currency, method);
  }

  /**
   * {@link #charge(String, BigDecimal, String, String)} recording whose order it is ({@code
   * customerId}, null when unknown), for the owner checks of {@code payment} and {@code
   * Order.payment}.
   */
  public Mono<Payment> charge(
      String orderId, String customerId, BigDecimal amount, String currency, String method) {
    return Mono.defer(
        () -> {
          requireText("orderId", orderId, 40);
          requireText("method", method, 40);
          requireText("currency", currency, 3);
          if (currency.length() != 3) {
            throw SubgraphException.badInput("currency must be an ISO 4217 code");
          }
          if (amount == null
              || amount.signum() <= 0
              || amount.compareTo(MAX_AMOUNT) > 0
              || amount.stripTrailingZeros().scale() > 2) {
            throw SubgraphException.badInput(
                "amount must be positive, at most 1000000 and have at most two decimals");
          }
          Payment pending =
              new Payment(
                  sagaPaymentId(orderId),
                  orderId,
                  new Money(amount, currency),
                  PaymentStatus.PENDING,
                  null,
                  OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC),
                  customerId == null || customerId.isBlank() ? null : customerId);
          return insertOrExisting(pending).flatMap(p -> settle(p, method));
        });
  }

  private Mono<Payment> settle(Payment p, String method) {
    return switch (p.status()) {
      case CAPTURED, REFUNDED, AUTHORIZED -> Mono.just(p);
      case DECLINED ->
          Mono.error(
              new SubgraphException(PAYMENT_DECLINED, "The card was declined for " + p.orderId()));
      case FAILED ->
          Mono.error(
              new SubgraphException(
                  PAYMENT_CANCELLED, "The payment of " + p.orderId() + " was cancelled"));
      case PENDING ->
          provider
              .charge(p.orderId(), p.amount().amount(), p.amount().currency(), method)
              .onErrorMap(ProviderUnavailableException.class, PaymentService::unavailable)
              .flatMap(
                  outcome ->
                      payments
                          .transition(
                              p.id(),
                              PaymentStatus.PENDING,
                              outcome.captured() ? PaymentStatus.CAPTURED : PaymentStatus.DECLINED,
                              outcome.reference())
                          .then(payments.findById(p.id())))
              .flatMap(
                  settled ->
                      settled.status() == PaymentStatus.PENDING
                          ? Mono.just(settled)
                          : settle(settled, method));
    };
  }

  /**
   * Refunds the order's charge once. Without a charge it records a cancelled payment ({@code
   * FAILED}, zero), so that a late charge for the order charges nothing; a declined or cancelled
   * payment is returned as it is.
   */
  public Mono<Payment> refund(String orderId) {
    return Mono.defer(
        () -> {
          requireText("orderId", orderId, 40);
          Payment tombstone =
              new Payment(
                  sagaPaymentId(orderId),
                  orderId,
                  Money.ofCents(0, Money.EUR),
                  PaymentStatus.FAILED,
                  null,
                  OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC));
          return insertOrExisting(tombstone)
              .flatMap(
                  p ->
                      switch (p.status()) {
                        case CAPTURED, AUTHORIZED, PENDING ->
                            provider
                                .refund(orderId)
                                .onErrorMap(
                                    ProviderUnavailableException.class, PaymentService::unavailable)
                                .flatMap(
                                    refunded ->
                                        payments.transition(
                                            p.id(),
                                            p.status(),
                                            refunded
                                                ? PaymentStatus.REFUNDED
                                                : PaymentStatus.FAILED,
                                            null))
                                .then(payments.findById(p.id()));
                        default -> Mono.just(p);
                      });
        });
  }

  private Mono<Payment> insertOrExisting(Payment p) {
    return payments
        .findById(p.id())
        .switchIfEmpty(
            Mono.defer(
                () ->
                    payments
                        .insert(p)
                        .onErrorResume(
                            e ->
                                e instanceof DataIntegrityViolationException
                                    || e instanceof R2dbcDataIntegrityViolationException,
                            e -> payments.findById(p.id()))));
  }

  private static SubgraphException unavailable(ProviderUnavailableException e) {
    org.slf4j.LoggerFactory.getLogger(PaymentService.class)
        .warn("Payment provider unavailable: {}", e.getMessage(), e.getCause());
    return new SubgraphException(
        PAYMENT_PROVIDER_UNAVAILABLE, "The payment provider is unavailable; try again");
  }

  private static void requireText(String field, String value, int max) {
    if (value == null || value.isBlank()) {
      throw SubgraphException.badInput(field + " must not be blank");
    }
    if (value.length() > max) {
      throw SubgraphException.badInput(field + " must have at most " + max + " characters");
    }
  }

  /** The payment with that id, or a {@code NOT_FOUND} error. */
  public Mono<Payment> get(String id) {
    return payments
        .findById(id)
        .switchIfEmpty(Mono.error(() -> SubgraphException.notFound("No payment with id " + id)));
  }

  /** The payments with these ids (one SELECT); unknown ids are absent from the map. */
  public Mono<Map<String, Payment>> byIds(Collection<String> ids) {
    return payments.findByIds(ids).collectMap(Payment::id);
  }

  /**
   * The current payment of each of these orders, i.e. its newest attempt (one SELECT); orders
   * without a payment are absent from the map.
   */
  public Mono<Map<String, Payment>> currentByOrderIds(Collection<String> orderIds) {
    return payments
        .findByOrderIds(orderIds)
        .collect(LinkedHashMap<String, Payment>::new, (m, p) -> m.putIfAbsent(p.orderId(), p))
        .map(m -> (Map<String, Payment>) m);
  }
}
