package dev.junction.orders.customer;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import dev.junction.orders.order.Order;
import dev.junction.subgraph.common.error.SubgraphException;
import dev.junction.subgraph.common.pagination.Cursors;
import dev.junction.subgraph.common.trust.OwnerCheck;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;

/** The {@code Customer} entity, {@code Customer.orders} and {@code Order.customer}. */
@DgsComponent
public class CustomerDataFetcher {
  static final int DEFAULT_PAGE_SIZE = 10;

  /**
   * Resolves a {@code Customer} representation without any lookup: orders does not know which
   * customers exist (accounts does), so every id is accepted and one without orders simply has an
   * empty {@code orders} connection.
   */
  @DgsEntityFetcher(name = "Customer")
  public Customer customerEntity(Map<String, Object> representation) {
    Object id = representation.get("id");
    if (!(id instanceof String s) || s.isBlank()) {
      throw SubgraphException.badInput("Customer representation needs a non-empty string id");
    }
    return new Customer(s);
  }

  /**
   * {@code Customer.orders(first, after)}: newest first, batched over customers; only for the
   * customer, an admin or a Junction service ({@link OwnerCheck}).
   */
  @DgsData(parentType = "Customer", field = "orders")
  public CompletableFuture<OrderConnection> orders(DgsDataFetchingEnvironment dfe) {
    Customer customer = dfe.getSource();
    OwnerCheck.requireOwner(dfe, customer.id(), "the orders of customer " + customer.id());
    int first = Cursors.pageSize(dfe.getArgument("first"), DEFAULT_PAGE_SIZE);
    CustomerOrdersKey key =
        new CustomerOrdersKey(customer.id(), first, OrderCursor.decode(dfe.getArgument("after")));
    DataLoader<CustomerOrdersKey, OrderConnection> loader =
        dfe.getDataLoader(CustomerOrdersLoader.class);
    return loader.load(key);
  }

  /** {@code Order.customer}: a reference by id, resolved further by accounts. */
  @DgsData(parentType = "Order", field = "customer")
  public Customer customer(DgsDataFetchingEnvironment dfe) {
    Order order = dfe.getSource();
    return new Customer(order.customerId());
  }
}
