package dev.junction.accounts.loyalty;

import com.netflix.graphql.dgs.DgsDataLoader;
import dev.junction.accounts.pagination.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.dataloader.MappedBatchLoader;
import reactor.core.publisher.Flux;

/**
 * Loads ledger pages of many customers: one SELECT per distinct {@code (first, after)} pair, which
 * is a single SELECT when many customers are resolved with the same arguments.
 */
@DgsDataLoader(name = LoyaltyLedgerLoader.NAME)
public class LoyaltyLedgerLoader
    implements MappedBatchLoader<LedgerPageKey, Connection<LoyaltyEntry>> {
  public static final String NAME = "loyaltyLedger";

  private final LoyaltyRepository ledger;

  public LoyaltyLedgerLoader(LoyaltyRepository ledger) {
    this.ledger = ledger;
  }

  private record PageArgs(int size, LedgerCursor after) {}

  @Override
  public CompletionStage<Map<LedgerPageKey, Connection<LoyaltyEntry>>> load(
      Set<LedgerPageKey> keys) {
    Map<PageArgs, List<LedgerPageKey>> groups =
        keys.stream().collect(Collectors.groupingBy(k -> new PageArgs(k.size(), k.after())));
    return Flux.fromIterable(groups.entrySet())
        .concatMap(
            group -> {
              PageArgs args = group.getKey();
              List<String> ids =
                  group.getValue().stream().map(LedgerPageKey::customerId).distinct().toList();
              return ledger
                  .ledger(ids, args.size() + 1, args.after())
                  .collectMultimap(LoyaltyEntry::customerId)
                  .flatMapIterable(
                      rows -> {
                        List<Map.Entry<LedgerPageKey, Connection<LoyaltyEntry>>> out =
                            new ArrayList<>();
                        for (LedgerPageKey key : group.getValue()) {
                          List<LoyaltyEntry> entries =
                              new ArrayList<>(
                                  Objects.requireNonNullElse(
                                      rows.get(key.customerId()), List.<LoyaltyEntry>of()));
                          out.add(
                              Map.entry(
                                  key,
                                  Connection.of(
                                      entries, args.size(), e -> LedgerCursor.of(e).encode())));
                        }
                        return out;
                      });
            })
        .collect(
            HashMap<LedgerPageKey, Connection<LoyaltyEntry>>::new,
            (m, e) -> m.put(e.getKey(), e.getValue()))
        .map(m -> (Map<LedgerPageKey, Connection<LoyaltyEntry>>) m)
        .toFuture();
  }
}
