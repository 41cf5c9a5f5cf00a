package dev.junction.payments.payment;

import dev.junction.subgraph.common.error.SubgraphException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * Payment rules. Reads only for now; the provider integration (authorize, capture, refund) of the
 * checkout saga belongs here.
 */
@Service
public class PaymentService {
  private final PaymentRepository payments;

  public PaymentService(PaymentRepository payments) {
    this.payments = payments;
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
