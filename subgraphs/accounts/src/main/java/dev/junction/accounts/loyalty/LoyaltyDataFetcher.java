package dev.junction.accounts.loyalty;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import dev.junction.accounts.customer.Customer;
import dev.junction.accounts.pagination.Connection;
import dev.junction.subgraph.common.pagination.Cursors;
import dev.junction.subgraph.common.trust.OwnerCheck;
import java.util.concurrent.CompletableFuture;
import org.dataloader.DataLoader;

/** {@code Customer.loyalty}, its batched fields, and the internal point mutations. */
@DgsComponent
public class LoyaltyDataFetcher {
  private static final int DEFAULT_PAGE_SIZE = 20;

  private final LoyaltyService service;

  public LoyaltyDataFetcher(LoyaltyService service) {
    this.service = service;
  }

  /**
   * {@code Customer.loyalty}: only for the customer, an admin or a Junction service ({@link
   * OwnerCheck}); anyone else gets {@code FORBIDDEN} ({@code UNAUTHENTICATED} when anonymous), and
   * as the field is non-null, a null customer.
   */
  @DgsData(parentType = "Customer", field = "loyalty")
  public Loyalty loyalty(DgsDataFetchingEnvironment env) {
    Customer customer = env.getSource();
    OwnerCheck.requireOwner(env, customer.id(), "the loyalty of customer " + customer.id());
    return new Loyalty(customer.id());
  }

  @DgsData(parentType = "Loyalty", field = "points")
  public CompletableFuture<Integer> points(DgsDataFetchingEnvironment env) {
    Loyalty loyalty = env.getSource();
    DataLoader<String, Integer> loader = env.getDataLoader(LoyaltyPointsLoader.NAME);
    return loader.load(loyalty.customerId());
  }

  @DgsData(parentType = "Loyalty", field = "ledger")
  public CompletableFuture<Connection<LoyaltyEntry>> ledger(
      DgsDataFetchingEnvironment env, @InputArgument Integer first, @InputArgument String after) {
    Loyalty loyalty = env.getSource();
    int size = Cursors.pageSize(first, DEFAULT_PAGE_SIZE);
    LedgerCursor cursor = after == null ? null : LedgerCursor.decode(after);
    DataLoader<LedgerPageKey, Connection<LoyaltyEntry>> loader =
        env.getDataLoader(LoyaltyLedgerLoader.NAME);
    return loader.load(new LedgerPageKey(loyalty.customerId(), size, cursor));
  }

  @DgsMutation
  public CompletableFuture<LoyaltyEntry> creditPoints(
      @InputArgument String customerId,
      @InputArgument Integer amount,
      @InputArgument String reason,
      DgsDataFetchingEnvironment env) {
    OwnerCheck.requireService(env, "creditPoints");
    return service.credit(customerId, amount, reason).toFuture();
  }

  @DgsMutation
  public CompletableFuture<LoyaltyEntry> revokePoints(
      @InputArgument String customerId,
      @InputArgument Integer amount,
      @InputArgument String reason,
      DgsDataFetchingEnvironment env) {
    OwnerCheck.requireService(env, "revokePoints");
    return service.revoke(customerId, amount, reason).toFuture();
  }
}
