package dev.junction.payments.payment;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/** Loads the current payment of many orders in one SELECT (by order id). */
@DgsDataLoader(name = OrderPaymentLoader.NAME)
public class OrderPaymentLoader implements MappedBatchLoader<String, Payment> {
  public static final String NAME = "paymentsByOrder";

  private final PaymentService payments;

  public OrderPaymentLoader(PaymentService payments) {
    this.payments = payments;
  }

  @Override
  public CompletionStage<Map<String, Payment>> load(Set<String> orderIds) {
    return payments.currentByOrderIds(orderIds).toFuture();
  }
}
