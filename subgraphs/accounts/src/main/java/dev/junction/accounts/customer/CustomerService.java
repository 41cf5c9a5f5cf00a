package dev.junction.accounts.customer;

import dev.junction.subgraph.common.error.SubgraphException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Registration and lookup rules of customers. */
@Service
public class CustomerService {
  static final int MAX_NAME_LENGTH = 200;
  static final int MAX_EMAIL_LENGTH = 254;

  // local part: dot-separated atoms of RFC 5322 atext; domain: dot-separated labels with a TLD.
  private static final Pattern EMAIL =
      Pattern.compile(
          "^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
              + "@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$");

  private final CustomerRepository customers;

  public CustomerService(CustomerRepository customers) {
    this.customers = customers;
  }

  /** Trims and lower-cases an e-mail address and checks its syntax ({@code BAD_USER_INPUT}). */
  public static String normalizeEmail(String raw) {
    String email = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
    if (email.isEmpty()) {
      throw SubgraphException.badInput("email must not be blank");
    }
    if (email.length() > MAX_EMAIL_LENGTH) {
      throw SubgraphException.badInput("email must be at most " + MAX_EMAIL_LENGTH + " characters");
    }
    int at = email.indexOf('@');
    if (!EMAIL.matcher(email).matches() || at > 64) {
      throw SubgraphException.badInput("email is not a valid e-mail address: " + raw.strip());
    }
    return email;
  }

  /** Strips a name and checks that it is not blank and at most 200 characters. */
  public static String normalizeName(String raw) {
    String name = raw == null ? "" : raw.strip();
    if (name.isEmpty()) {
      throw SubgraphException.badInput("name must not be blank");
    }
    if (name.codePointCount(0, name.length()) > MAX_NAME_LENGTH) {
      throw SubgraphException.badInput("name must be at most " + MAX_NAME_LENGTH + " characters");
    }
    return name;
  }

  /**
   * Registers a customer at tier {@code BRONZE}. A duplicate e-mail is a {@code CONFLICT}; the
   * unique constraint on the e-mail guarantees it also under concurrent registrations.
   */
  public Mono<Customer> register(String rawEmail, String rawName) {
    return Mono.defer(
        () -> {
          String email = normalizeEmail(rawEmail);
          String name = normalizeName(rawName);
          Customer customer =
              new Customer(
                  "cust-" + UUID.randomUUID(),
                  email,
                  name,
                  CustomerTier.BRONZE,
                  OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS));
          return customers
              .insert(customer)
              .onErrorMap(
                  DataIntegrityViolationException.class,
                  e ->
                      SubgraphException.conflict(
                          "A customer with e-mail " + email + " is already registered"));
        });
  }

  /** The customer with that id, or a {@code NOT_FOUND} error. */
  public Mono<Customer> get(String id) {
    return customers
        .findById(id)
        .switchIfEmpty(Mono.error(() -> SubgraphException.notFound("No customer with id " + id)));
  }

  /** The customer with that e-mail (compared normalized), or a {@code NOT_FOUND} error. */
  public Mono<Customer> getByEmail(String rawEmail) {
    return Mono.defer(
        () -> {
          String email = normalizeEmail(rawEmail);
          return customers
              .findByEmail(email)
              .switchIfEmpty(
                  Mono.error(() -> SubgraphException.notFound("No customer with e-mail " + email)));
        });
  }
}
