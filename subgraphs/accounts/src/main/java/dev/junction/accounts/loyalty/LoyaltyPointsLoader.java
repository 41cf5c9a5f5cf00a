package dev.junction.accounts.loyalty;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/** Loads the point balances of many customers in one SELECT; no entries means 0 points. */
@DgsDataLoader(name = LoyaltyPointsLoader.NAME)
public class LoyaltyPointsLoader implements MappedBatchLoader<String, Integer> {
  public static final String NAME = "loyaltyPoints";

  private final LoyaltyRepository ledger;

  public LoyaltyPointsLoader(LoyaltyRepository ledger) {
    this.ledger = ledger;
  }

  @Override
  public CompletionStage<Map<String, Integer>> load(Set<String> customerIds) {
    return ledger
        .balances(customerIds)
        .map(
            found -> {
              Map<String, Integer> all = new HashMap<>();
              customerIds.forEach(id -> all.put(id, found.getOrDefault(id, 0)));
              return all;
            })
        .toFuture();
  }
}
