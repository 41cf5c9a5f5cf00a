package dev.junction.accounts.customer;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/** Loads customers by id, all ids of one dispatch in one SELECT. */
@DgsDataLoader(name = CustomerLoader.NAME)
public class CustomerLoader implements MappedBatchLoader<String, Customer> {
  public static final String NAME = "customers";

  private final CustomerRepository customers;

  public CustomerLoader(CustomerRepository customers) {
    this.customers = customers;
  }

  @Override
  public CompletionStage<Map<String, Customer>> load(Set<String> ids) {
    return customers.findByIds(ids).collectMap(Customer::id).toFuture();
  }
}
