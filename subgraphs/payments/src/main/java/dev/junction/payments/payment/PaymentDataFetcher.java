package dev.junction.payments.payment;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import dev.junction.payments.order.Order;
import dev.junction.subgraph.common.error.SubgraphException;
import dev.junction.subgraph.common.trust.Caller;
import dev.junction.subgraph.common.trust.OwnerCheck;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;

/**
 * {@code payment(id)}, the {@code Payment} entity and {@code Order.payment}. A payment is read only
 * by the customer whose order it pays, an admin or a Junction service ({@link OwnerCheck}): anyone
 * else gets null and {@code FORBIDDEN} ({@code UNAUTHENTICATED} when anonymous) on every path.
 */
@DgsComponent
public class PaymentDataFetcher {
  private final PaymentService payments;

  public PaymentDataFetcher(PaymentService payments) {
    this.payments = payments;
  }

  /** {@code chargePayment} (internal, for the checkout saga). */
  @DgsMutation
  public CompletableFuture<Payment> chargePayment(
      @InputArgument String orderId,
      @InputArgument BigDecimal amount,
      @InputArgument String currency,
      @InputArgument String method,
      @InputArgument String customerId,
      DgsDataFetchingEnvironment env) {
    OwnerCheck.requireService(env, "chargePayment");
    return payments.charge(orderId, customerId, amount, currency, method).toFuture();
  }

  /** {@code refundPayment} (internal, for the checkout saga). */
  @DgsMutation
  public CompletableFuture<Payment> refundPayment(
      @InputArgument String orderId, DgsDataFetchingEnvironment env) {
    OwnerCheck.requireService(env, "refundPayment");
    return payments.refund(orderId).toFuture();
  }

  @DgsQuery
  public CompletableFuture<Payment> payment(
      @InputArgument String id, DgsDataFetchingEnvironment env) {
    Caller caller = Caller.of(env);
    return payments.get(id).toFuture().thenApply(p -> owned(caller, p));
  }

  @DgsData(parentType = "Payment", field = "order")
  public Order order(DgsDataFetchingEnvironment env) {
    Payment payment = env.getSource();
    return new Order(payment.orderId());
  }

  /** The current payment of an order, or null when it has none yet; batched by order id. */
  @DgsData(parentType = "Order", field = "payment")
  public CompletableFuture<Payment> orderPayment(DgsDataFetchingEnvironment env) {
    Order order = env.getSource();
    Caller caller = Caller.of(env);
    DataLoader<String, Payment> loader = env.getDataLoader(OrderPaymentLoader.NAME);
    return loader.load(order.id()).thenApply(p -> owned(caller, p));
  }

  /** Resolves {@code Payment} representations through the batching {@link PaymentLoader}. */
  @DgsEntityFetcher(name = "Payment")
  public CompletableFuture<Payment> paymentEntity(
      Map<String, Object> representation, DgsDataFetchingEnvironment env) {
    if (!(representation.get("id") instanceof String id)) {
      return CompletableFuture.failedFuture(
          SubgraphException.badInput("Payment representation needs an id"));
    }
    Caller caller = Caller.of(env);
    DataLoader<String, Payment> loader = env.getDataLoader(PaymentLoader.NAME);
    return loader
        .load(id)
        .thenApply(
            p -> {
              if (p == null) {
                throw SubgraphException.notFound("No payment with id " + id);
              }
              return owned(caller, p);
            });
  }

  /** The payment, when the caller may read it (null stays null). */
  private static Payment owned(Caller caller, Payment p) {
    if (p != null) {
      OwnerCheck.requireOwner(caller, p.customerId(), "payment " + p.id());
    }
    return p;
  }
}
