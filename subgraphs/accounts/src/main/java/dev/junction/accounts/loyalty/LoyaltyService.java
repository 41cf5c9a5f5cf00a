package dev.junction.accounts.loyalty;

import dev.junction.accounts.customer.CustomerRepository;
import dev.junction.subgraph.common.error.SubgraphException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Credits and revokes loyalty points. Every change is idempotent by {@code (customerId, reason)}
 * and runs in a transaction that first locks the customer's row ({@code SELECT ... FOR UPDATE}), so
 * concurrent changes of one customer are serialized: an identical repeated call finds the first
 * entry, and a revocation sees the balance that the previous change left.
 */
@Service
public class LoyaltyService {
  /** The balance would go below zero. */
  public static final String INSUFFICIENT_POINTS = "INSUFFICIENT_POINTS";

  /** The reason was already used for a change with a different amount. */
  public static final String IDEMPOTENCY_KEY_REUSED = "IDEMPOTENCY_KEY_REUSED";

  static final int MAX_REASON_LENGTH = 500;

  /** The largest change of one call; keeps balances far from the {@code Int} limit. */
  public static final int MAX_AMOUNT = 1_000_000;

  private final LoyaltyRepository ledger;
  private final CustomerRepository customers;
  private final TransactionalOperator tx;
  private final Clock clock;

  public LoyaltyService(
      LoyaltyRepository ledger, CustomerRepository customers, TransactionalOperator tx) {
    this.ledger = ledger;
    this.customers = customers;
    this.tx = tx;
    this.clock = Clock.systemUTC();
  }

  /**
   * Credits {@code amount} points once per {@code reason}; a repeated call returns the first entry.
   */
  public Mono<LoyaltyEntry> credit(String customerId, int amount, String reason) {
    return change(customerId, amount, reason, false);
  }

  /**
   * Revokes {@code amount} points once per {@code reason} (a negative entry); fails with {@code
   * INSUFFICIENT_POINTS} and writes nothing when the balance would go below zero.
   */
  public Mono<LoyaltyEntry> revoke(String customerId, int amount, String reason) {
    return change(customerId, amount, reason, true);
  }

  private Mono<LoyaltyEntry> change(
      String customerId, int amount, String rawReason, boolean revoke) {
    return Mono.defer(
        () -> {
          if (amount <= 0) {
            throw SubgraphException.badInput("amount must be greater than 0, got " + amount);
          }
          if (amount > MAX_AMOUNT) {
            throw SubgraphException.badInput(
                "amount must be at most " + MAX_AMOUNT + ", got " + amount);
          }
          String reason = rawReason == null ? "" : rawReason.strip();
          if (reason.isEmpty()) {
            throw SubgraphException.badInput("reason must not be blank");
          }
          if (reason.length() > MAX_REASON_LENGTH) {
            throw SubgraphException.badInput(
                "reason must be at most " + MAX_REASON_LENGTH + " characters");
          }
          int points = revoke ? -amount : amount;
          Mono<LoyaltyEntry> work =
              customers
                  .lockById(customerId)
                  .switchIfEmpty(
                      Mono.error(
                          () -> SubgraphException.notFound("No customer with id " + customerId)))
                  .then(
                      ledger
                          .findByCustomerAndReason(customerId, reason)
                          .map(existing -> replay(existing, points))
                          .switchIfEmpty(
                              Mono.defer(() -> insertNew(customerId, points, reason, revoke))));
          // The row lock serializes writers of one customer; should the unique constraint still
          // fire (e.g. a database without row locks), one retry finds the winner's entry.
          return tx.transactional(work)
              .retryWhen(Retry.max(1).filter(e -> e instanceof DataIntegrityViolationException));
        });
  }

  private static LoyaltyEntry replay(LoyaltyEntry existing, int points) {
    if (existing.points() != points) {
      throw new SubgraphException(
          IDEMPOTENCY_KEY_REUSED,
          "reason '"
              + existing.reason()
              + "' was already used for a change of "
              + existing.points()
              + " points");
    }
    return existing;
  }

  private Mono<LoyaltyEntry> insertNew(
      String customerId, int points, String reason, boolean revoke) {
    LoyaltyEntry entry =
        new LoyaltyEntry(
            "loy-" + UUID.randomUUID(),
            customerId,
            points,
            reason,
            OffsetDateTime.now(clock)
                .withOffsetSameInstant(ZoneOffset.UTC)
                .truncatedTo(ChronoUnit.MICROS));
    if (!revoke) {
      return ledger.insert(entry);
    }
    return ledger
        .balance(customerId)
        .flatMap(
            balance -> {
              if (balance + points < 0) {
                return Mono.error(
                    new SubgraphException(
                        INSUFFICIENT_POINTS,
                        "Customer "
                            + customerId
                            + " has "
                            + balance
                            + " points; cannot revoke "
                            + (-points)));
              }
              return ledger.insert(entry);
            });
  }
}
