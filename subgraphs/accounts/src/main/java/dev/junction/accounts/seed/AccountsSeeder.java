package dev.junction.accounts.seed;

import dev.junction.accounts.customer.Customer;
import dev.junction.accounts.customer.CustomerRepository;
import dev.junction.accounts.customer.CustomerTier;
import dev.junction.accounts.loyalty.LoyaltyEntry;
import dev.junction.accounts.loyalty.LoyaltyRepository;
import dev.junction.subgraph.common.seed.SeedData;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.r2dbc.connection.init.DatabasePopulator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Seeds the customers and the loyalty ledger from {@link SeedData}; each table only when it is
 * empty, so running it again changes nothing.
 */
public class AccountsSeeder implements DatabasePopulator {
  private final CustomerRepository customers;
  private final LoyaltyRepository ledger;

  public AccountsSeeder(CustomerRepository customers, LoyaltyRepository ledger) {
    this.customers = customers;
    this.ledger = ledger;
  }

  /** Inserts the seed rows into the tables that are still empty. */
  public Mono<Void> seed() {
    Mono<Void> seedCustomers =
        customers
            .count()
            .filter(n -> n == 0)
            .flatMap(n -> Flux.fromIterable(seedCustomers()).concatMap(customers::insert).then());
    Mono<Void> seedLedger =
        ledger
            .count()
            .filter(n -> n == 0)
            .flatMap(n -> Flux.fromIterable(seedLedger()).concatMap(ledger::insert).then());
    return seedCustomers.then(seedLedger);
  }

  static List<Customer> seedCustomers() {
    return SeedData.customers().stream()
        .map(
            c ->
                new Customer(
                    c.id(),
                    c.email(),
                    c.name(),
                    CustomerTier.valueOf(c.tier()),
                    c.createdAt().atOffset(ZoneOffset.UTC)))
        .toList();
  }

  static List<LoyaltyEntry> seedLedger() {
    List<SeedData.LoyaltyEntry> entries = SeedData.loyaltyEntries();
    return IntStream.range(0, entries.size())
        .mapToObj(
            i -> {
              SeedData.LoyaltyEntry e = entries.get(i);
              return new LoyaltyEntry(
                  String.format("loy-%04d", i + 1),
                  e.customerId(),
                  e.points(),
                  e.reason(),
                  e.at().atOffset(ZoneOffset.UTC));
            })
        .toList();
  }

  @Override
  public Mono<Void> populate(Connection connection) {
    return seed();
  }

  @Override
  public Mono<Void> populate(ConnectionFactory connectionFactory) {
    return seed();
  }
}
