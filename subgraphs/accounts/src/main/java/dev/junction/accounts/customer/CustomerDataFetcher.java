package dev.junction.accounts.customer;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import dev.junction.accounts.pagination.Connection;
import dev.junction.subgraph.common.error.SubgraphException;
import dev.junction.subgraph.common.pagination.Cursors;
import dev.junction.subgraph.common.trust.Caller;
import dev.junction.subgraph.common.trust.OwnerCheck;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;
import reactor.core.publisher.Mono;

/** Customer queries, registration and the {@code Customer} entity fetcher. */
@DgsComponent
public class CustomerDataFetcher {
  private static final int DEFAULT_PAGE_SIZE = 20;

  private final CustomerService service;
  private final CustomerRepository customers;

  public CustomerDataFetcher(CustomerService service, CustomerRepository customers) {
    this.service = service;
    this.customers = customers;
  }

  @DgsQuery
  public CompletableFuture<Customer> customer(@InputArgument String id) {
    return service.get(id).toFuture();
  }

  /**
   * {@code customerByEmail}: for the customer itself, an admin or a Junction service; anyone else
   * is told there is no such customer, so the query is no oracle of who is registered.
   */
  @DgsQuery
  public CompletableFuture<Customer> customerByEmail(
      @InputArgument String email, DgsDataFetchingEnvironment env) {
    Caller caller = Caller.of(env);
    return service
        .getByEmail(email)
        .map(
            c -> {
              if (!OwnerCheck.mayRead(caller, c.id())) {
                throw SubgraphException.notFound("No customer with e-mail " + c.email());
              }
              return c;
            })
        .toFuture();
  }

  /**
   * {@code Customer.email}: only for the customer, an admin or a Junction service ({@link
   * OwnerCheck}); another customer gets {@code FORBIDDEN} ({@code UNAUTHENTICATED} when anonymous).
   */
  @DgsData(parentType = "Customer", field = "email")
  public String email(DgsDataFetchingEnvironment env) {
    Customer customer = env.getSource();
    OwnerCheck.requireOwner(env, customer.id(), "the e-mail of customer " + customer.id());
    return customer.email();
  }

  @DgsQuery
  public CompletableFuture<Connection<Customer>> customers(
      @InputArgument Integer first, @InputArgument String after) {
    return Mono.defer(
            () -> {
              int size = Cursors.pageSize(first, DEFAULT_PAGE_SIZE);
              String afterId = after == null ? null : Cursors.decode(after);
              return customers
                  .page(afterId, size + 1)
                  .collectList()
                  .map(rows -> Connection.of(rows, size, c -> Cursors.encode(c.id())));
            })
        .toFuture();
  }

  @DgsMutation
  public CompletableFuture<Customer> registerCustomer(
      @InputArgument("input") Map<String, Object> input) {
    return service.register((String) input.get("email"), (String) input.get("name")).toFuture();
  }

  /** Resolves {@code Customer} representations through the batching {@link CustomerLoader}. */
  @DgsEntityFetcher(name = "Customer")
  public CompletableFuture<Customer> customerEntity(
      Map<String, Object> representation, DgsDataFetchingEnvironment env) {
    Object id = representation.get("id");
    if (!(id instanceof String customerId)) {
      return CompletableFuture.failedFuture(
          SubgraphException.badInput("Customer representation needs an id"));
    }
    DataLoader<String, Customer> loader = env.getDataLoader(CustomerLoader.NAME);
    return loader
        .load(customerId)
        .thenApply(
            c -> {
              if (c == null) {
                throw SubgraphException.notFound("No customer with id " + customerId);
              }
              return c;
            });
  }
}
