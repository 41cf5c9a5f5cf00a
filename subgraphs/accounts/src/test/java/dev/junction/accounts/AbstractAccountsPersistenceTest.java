package dev.junction.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.accounts.customer.Customer;
import dev.junction.accounts.customer.CustomerRepository;
import dev.junction.accounts.customer.CustomerService;
import dev.junction.accounts.loyalty.LedgerCursor;
import dev.junction.accounts.loyalty.LoyaltyEntry;
import dev.junction.accounts.loyalty.LoyaltyRepository;
import dev.junction.accounts.loyalty.LoyaltyService;
import dev.junction.accounts.seed.AccountsSeeder;
import dev.junction.subgraph.common.error.SubgraphException;
import dev.junction.subgraph.common.seed.SeedData;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Repositories and services against a real database; subclasses pick H2 or PostgreSQL. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
abstract class AbstractAccountsPersistenceTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Autowired CustomerRepository customers;
  @Autowired CustomerService customerService;
  @Autowired LoyaltyRepository ledger;
  @Autowired LoyaltyService loyalty;
  @Autowired AccountsSeeder seeder;

  private Customer newCustomer(String tag) {
    return customerService
        .register(tag + "-" + System.nanoTime() + "@example.com", "Test " + tag)
        .block(TIMEOUT);
  }

  @Test
  void seedIsCompleteAndIdempotent() {
    StepVerifier.create(seeder.seed().then(seeder.seed()).then(customers.count()))
        .assertNext(n -> assertThat(n).isGreaterThanOrEqualTo(20))
        .verifyComplete();
    List<String> seedIds = SeedData.customers().stream().map(SeedData.Customer::id).toList();
    StepVerifier.create(customers.findByIds(seedIds).collectList())
        .assertNext(
            found -> {
              assertThat(found).hasSize(20);
              SeedData.Customer first = SeedData.customers().get(0);
              Customer c =
                  found.stream().filter(x -> x.id().equals(first.id())).findFirst().orElseThrow();
              assertThat(c.email()).isEqualTo(first.email());
              assertThat(c.createdAt().toInstant()).isEqualTo(first.createdAt());
            })
        .verifyComplete();
    Map<String, Integer> expected =
        SeedData.loyaltyEntries().stream()
            .collect(
                Collectors.groupingBy(
                    SeedData.LoyaltyEntry::customerId,
                    Collectors.summingInt(SeedData.LoyaltyEntry::points)));
    StepVerifier.create(ledger.balances(seedIds))
        .assertNext(balances -> assertThat(balances).isEqualTo(expected))
        .verifyComplete();
  }

  @Test
  void findByIdsRunsForManyAndIgnoresUnknown() {
    StepVerifier.create(
            customers.findByIds(List.of("cust-001", "cust-007", "cust-nope")).collectList())
        .assertNext(
            found ->
                assertThat(found)
                    .extracting(Customer::id)
                    .containsExactlyInAnyOrder("cust-001", "cust-007"))
        .verifyComplete();
    StepVerifier.create(customers.findByIds(List.of())).verifyComplete();
  }

  @Test
  void pageIsKeysetOrderedById() {
    StepVerifier.create(customers.page("cust-005", 3).map(Customer::id).collectList())
        .assertNext(ids -> assertThat(ids).containsExactly("cust-006", "cust-007", "cust-008"))
        .verifyComplete();
  }

  @Test
  void ledgerPagesManyCustomersInOneQuery() {
    Customer a = newCustomer("ledger-a");
    Customer b = newCustomer("ledger-b");
    Flux.range(1, 5)
        .concatMap(i -> loyalty.credit(a.id(), i, "a" + i))
        .concatWith(Flux.range(1, 2).concatMap(i -> loyalty.credit(b.id(), 10 * i, "b" + i)))
        .blockLast(TIMEOUT);
    StepVerifier.create(ledger.ledger(List.of(a.id(), b.id()), 3, null).collectList())
        .assertNext(
            rows -> {
              List<LoyaltyEntry> ofA =
                  rows.stream().filter(r -> r.customerId().equals(a.id())).toList();
              List<LoyaltyEntry> ofB =
                  rows.stream().filter(r -> r.customerId().equals(b.id())).toList();
              assertThat(ofA).extracting(LoyaltyEntry::reason).containsExactly("a5", "a4", "a3");
              assertThat(ofB).extracting(LoyaltyEntry::reason).containsExactly("b2", "b1");
            })
        .verifyComplete();
    LoyaltyEntry a4 = ledger.findByCustomerAndReason(a.id(), "a4").block(TIMEOUT);
    StepVerifier.create(
            ledger
                .ledger(List.of(a.id()), 10, LedgerCursor.decode(LedgerCursor.of(a4).encode()))
                .map(LoyaltyEntry::reason)
                .collectList())
        .assertNext(reasons -> assertThat(reasons).containsExactly("a3", "a2", "a1"))
        .verifyComplete();
    StepVerifier.create(ledger.balances(List.of(a.id(), b.id())))
        .assertNext(m -> assertThat(m).containsEntry(a.id(), 15).containsEntry(b.id(), 30))
        .verifyComplete();
  }

  @Test
  void creditIsIdempotentByReason() {
    Customer c = newCustomer("credit");
    LoyaltyEntry first = loyalty.credit(c.id(), 100, "for purchase 4567").block(TIMEOUT);
    StepVerifier.create(loyalty.credit(c.id(), 100, "for purchase 4567"))
        .assertNext(again -> assertThat(again).isEqualTo(first))
        .verifyComplete();
    StepVerifier.create(loyalty.credit(c.id(), 99, "for purchase 4567"))
        .expectErrorSatisfies(e -> assertCode(e, LoyaltyService.IDEMPOTENCY_KEY_REUSED))
        .verify(TIMEOUT);
    StepVerifier.create(loyalty.credit("cust-unknown", 1, "x"))
        .expectErrorSatisfies(e -> assertCode(e, "NOT_FOUND"))
        .verify(TIMEOUT);
    StepVerifier.create(loyalty.credit(c.id(), 0, "zero"))
        .expectErrorSatisfies(e -> assertCode(e, "BAD_USER_INPUT"))
        .verify(TIMEOUT);
    StepVerifier.create(ledger.balance(c.id())).expectNext(100).verifyComplete();
  }

  @Test
  void revokeNeverGoesBelowZeroAndWritesNothingWhenItWould() {
    Customer c = newCustomer("revoke");
    loyalty.credit(c.id(), 50, "grant").block(TIMEOUT);
    StepVerifier.create(loyalty.revoke(c.id(), 51, "too much"))
        .expectErrorSatisfies(e -> assertCode(e, LoyaltyService.INSUFFICIENT_POINTS))
        .verify(TIMEOUT);
    StepVerifier.create(ledger.countByCustomerAndReason(c.id(), "too much"))
        .expectNext(0L)
        .verifyComplete();
    LoyaltyEntry revoked = loyalty.revoke(c.id(), 50, "all of it").block(TIMEOUT);
    assertThat(revoked.points()).isEqualTo(-50);
    StepVerifier.create(loyalty.revoke(c.id(), 50, "all of it"))
        .assertNext(again -> assertThat(again).isEqualTo(revoked))
        .verifyComplete();
    StepVerifier.create(loyalty.revoke(c.id(), 50, "grant"))
        .expectErrorSatisfies(e -> assertCode(e, LoyaltyService.IDEMPOTENCY_KEY_REUSED))
        .verify(TIMEOUT);
    StepVerifier.create(ledger.balance(c.id())).expectNext(0).verifyComplete();
  }

  @Test
  void concurrentIdenticalCreditsWriteOneEntry() {
    Customer c = newCustomer("race-credit");
    List<Object> results =
        Flux.range(0, 8)
            .flatMap(i -> outcome(loyalty.credit(c.id(), 100, "for purchase 4567")), 8)
            .collectList()
            .block(TIMEOUT);
    assertThat(results).hasSize(8).allMatch(r -> r instanceof LoyaltyEntry);
    assertThat(results.stream().map(r -> ((LoyaltyEntry) r).id()).distinct()).hasSize(1);
    StepVerifier.create(ledger.countByCustomerAndReason(c.id(), "for purchase 4567"))
        .expectNext(1L)
        .verifyComplete();
    StepVerifier.create(ledger.balance(c.id())).expectNext(100).verifyComplete();
  }

  @Test
  void concurrentRevocationsNeverOverdraw() {
    Customer c = newCustomer("race-revoke");
    loyalty.credit(c.id(), 100, "grant").block(TIMEOUT);
    List<Object> results =
        Flux.range(0, 10)
            .flatMap(i -> outcome(loyalty.revoke(c.id(), 30, "revoke " + i)), 10)
            .collectList()
            .block(TIMEOUT);
    assertThat(results.stream().filter(r -> r instanceof LoyaltyEntry)).hasSize(3);
    assertThat(results.stream().filter(LoyaltyService.INSUFFICIENT_POINTS::equals)).hasSize(7);
    StepVerifier.create(ledger.balance(c.id())).expectNext(10).verifyComplete();
  }

  @Test
  void concurrentRegistrationsOfOneEmailCreateOneCustomer() {
    String email = "race-" + System.nanoTime() + "@example.com";
    List<Object> results =
        Flux.range(0, 6)
            .flatMap(i -> outcome(customerService.register(email, "Racer " + i)), 6)
            .collectList()
            .block(TIMEOUT);
    assertThat(results.stream().filter(r -> r instanceof Customer)).hasSize(1);
    assertThat(results.stream().filter("CONFLICT"::equals)).hasSize(5);
    StepVerifier.create(customers.findByEmail(email).map(Customer::email))
        .expectNext(email)
        .verifyComplete();
  }

  @Test
  void createdAtSurvivesTheRoundTrip() {
    Customer c = newCustomer("roundtrip");
    StepVerifier.create(customers.findById(c.id()))
        .assertNext(
            stored -> {
              assertThat(stored.createdAt().toInstant()).isEqualTo(c.createdAt().toInstant());
              assertThat(stored.tier()).isEqualTo(c.tier());
            })
        .verifyComplete();
    LoyaltyEntry e = loyalty.credit(c.id(), 7, "roundtrip").block(TIMEOUT);
    StepVerifier.create(ledger.findByCustomerAndReason(c.id(), "roundtrip"))
        .assertNext(
            stored ->
                assertThat(stored.createdAt().toInstant()).isEqualTo(e.createdAt().toInstant()))
        .verifyComplete();
  }

  private static Mono<Object> outcome(Mono<?> call) {
    return call.<Object>map(x -> x)
        .onErrorResume(SubgraphException.class, e -> Mono.just(e.code()));
  }

  private static void assertCode(Throwable e, String code) {
    assertThat(e).isInstanceOf(SubgraphException.class);
    assertThat(((SubgraphException) e).code()).isEqualTo(code);
  }
}
