package dev.junction.payments.payment;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/** Loads payments by id, all ids of one dispatch in one SELECT. */
@DgsDataLoader(name = PaymentLoader.NAME)
public class PaymentLoader implements MappedBatchLoader<String, Payment> {
  public static final String NAME = "payments";

  private final PaymentService payments;

  public PaymentLoader(PaymentService payments) {
    this.payments = payments;
  }

  @Override
  public CompletionStage<Map<String, Payment>> load(Set<String> ids) {
    return payments.byIds(ids).toFuture();
  }
}
