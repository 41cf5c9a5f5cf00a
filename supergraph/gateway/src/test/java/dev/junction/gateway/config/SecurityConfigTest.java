package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.Gateway;
import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.GatewayResponse;
import dev.junction.gateway.execution.GraphQLErrors;
import dev.junction.gateway.execution.SubgraphErrorPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The csrf, include_subgraph_errors and rate_limit sections, and the production profile. */
class SecurityConfigTest {
  private static final Path PRODUCTION = Path.of("../../router-config/router.production.yaml");
  private static final Map<String, String> PRODUCTION_ENV =
      Map.of(
          "ACCOUNTS_URL", "http://accounts.internal/graphql",
          "CATALOG_URL", "http://catalog.internal/graphql",
          "INVENTORY_URL", "http://inventory.internal/graphql",
          "ORDERS_URL", "http://orders.internal/graphql",
          "PAYMENTS_URL", "http://payments.internal/graphql",
          "SHIPPING_URL", "http://shipping.internal/graphql");

  private static RouterConfig parse(String yaml) {
    return new RouterConfigLoader(name -> null).parse(yaml, "router.yaml", null);
  }

  @Test
  void defaultsAreCsrfOnMessagesRedactedRateLimitOff() {
    RouterConfig config = parse("");

    assertThat(config.csrf()).isEqualTo(CsrfConfig.defaults());
    assertThat(config.csrf().unsafeDisabled()).isFalse();
    assertThat(config.csrf().requiredHeaders())
        .containsExactly("x-apollo-operation-name", "apollo-require-preflight");
    assertThat(config.includeSubgraphErrors()).isEqualTo(SubgraphErrorPolicy.REDACT_ALL);
    assertThat(config.rateLimit().enabled()).isFalse();
    assertThat(config.toGatewayOptions().subgraphErrors().includes("accounts")).isFalse();
  }

  @Test
  void everyKeyIsRead() {
    RouterConfig config =
        parse(
            """
            csrf:
              unsafe_disabled: true
              required_headers: [X-CSRF-Token]
            include_subgraph_errors:
              all: true
              subgraphs:
                payments: false
            rate_limit:
              enabled: true
              key: ip
              client_name_header: x-client
              limit_for_period: 7
              period: 250ms
              max_clients: 50
              claim: tenant
              trusted_proxies: [10.0.0.0/8, "::1", 192.168.1.7]
            """);

    assertThat(config.csrf()).isEqualTo(new CsrfConfig(true, List.of("x-csrf-token")));
    assertThat(config.includeSubgraphErrors().includes("accounts")).isTrue();
    assertThat(config.includeSubgraphErrors().includes("payments")).isFalse();
    assertThat(config.rateLimit())
        .isEqualTo(
            new RateLimitConfig(
                true,
                RateLimitConfig.Key.IP,
                "x-client",
                7,
                Duration.ofMillis(250),
                50,
                "tenant",
                List.of(
                    IpRange.parse("10.0.0.0/8"),
                    IpRange.parse("::1/128"),
                    IpRange.parse("192.168.1.7/32"))));
  }

  @Test
  void aClaimKeyDefaultsToTheSubjectAndNeedsAuthentication() {
    RouterConfig config =
        parse(
            """
            rate_limit:
              enabled: true
              key: CLAIM
            authentication:
              enabled: true
              jwks:
                file: /nonexistent/jwks.json
            """);

    assertThat(config.rateLimit().key()).isEqualTo(RateLimitConfig.Key.CLAIM);
    assertThat(config.rateLimit().claim()).isEqualTo("sub");
    assertThat(config.rateLimit().trustedProxies()).isEmpty();
    assertThat(parse("rate_limit: {key: claim}").rateLimit().key())
        .as("a disabled claim limit needs no authentication")
        .isEqualTo(RateLimitConfig.Key.CLAIM);
  }

  @Test
  void ipRangesMatchTheirBlockOnly() {
    IpRange ten = IpRange.parse("10.1.2.3/8");
    assertThat(ten).isEqualTo(IpRange.parse("10.0.0.0/8"));
    assertThat(ten.toString()).isEqualTo("10.0.0.0/8");
    assertThat(ten.contains(IpRange.address("10.255.0.1"))).isTrue();
    assertThat(ten.contains(IpRange.address("11.0.0.1"))).isFalse();
    assertThat(ten.contains(IpRange.address("::ffff:10.0.0.9"))).as("IPv4-mapped").isTrue();
    assertThat(ten.contains(IpRange.address("::1"))).isFalse();
    IpRange v6 = IpRange.parse("2001:db8::/32");
    assertThat(v6.contains(IpRange.address("2001:db8:ffff::1"))).isTrue();
    assertThat(v6.contains(IpRange.address("2001:db9::1"))).isFalse();
    assertThat(IpRange.parse("0.0.0.0/0").contains(IpRange.address("203.0.113.9"))).isTrue();
    assertThat(IpRange.address("localhost")).as("never a DNS lookup").isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "csrf: {unsafe_disable: true}|unknown key 'csrf.unsafe_disable' in router.yaml (did you"
            + " mean 'unsafe_disabled'?)",
        "csrf: {required_headers: []}|csrf.required_headers: needs at least one header (or set"
            + " csrf.unsafe_disabled: true)",
        "csrf: {required_headers: ['a b']}|csrf.required_headers[0]: not a valid header name: 'a"
            + " b'",
        "include_subgraph_errors: {al: true}|unknown key 'include_subgraph_errors.al' in"
            + " router.yaml (did you mean 'all'?)",
        "include_subgraph_errors: {subgraphs: {a: maybe}}|include_subgraph_errors.subgraphs.a:"
            + " expected true or false, got 'maybe'",
        "rate_limit: {key: subject}|rate_limit.key: expected client_name, ip or claim, got"
            + " 'subject'",
        "rate_limit: {claim: ''}|rate_limit.claim: a claim name is required",
        "rate_limit: {trusted_proxies: [proxy.internal]}|rate_limit.trusted_proxies[0]: not an IP"
            + " address or CIDR block: 'proxy.internal'",
        "rate_limit: {trusted_proxies: [10.0.0.0/33]}|rate_limit.trusted_proxies[0]: prefix length"
            + " must be 0 to 32 in '10.0.0.0/33'",
        "rate_limit: {trusted_proxies: 10.0.0.1}|rate_limit.trusted_proxies: expected a list, got"
            + " '10.0.0.1'",
        "rate_limit: {enabled: true, key: claim}|rate_limit.key: 'claim' needs"
            + " authentication.enabled: true (without verified tokens every request would be keyed"
            + " by IP)",
        "rate_limit: {limit_for_period: 0}|rate_limit.limit_for_period: expected an integer"
            + " between 1 and 1000000000, got 0",
        "rate_limit: {period: 0s}|rate_limit.period: must be at least 1ms",
        "rate_limit: {max_client: 5}|unknown key 'rate_limit.max_client' in router.yaml (did you"
            + " mean 'max_clients'?)"
      })
  void badValuesNameTheirKey(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void theLocalStackShowsMessagesAndKeepsCsrfOn() {
    RouterConfig config =
        new RouterConfigLoader(name -> null).load(Path.of("../../router-config/router.yaml"));

    assertThat(config.introspection()).isTrue();
    assertThat(config.csrf()).isEqualTo(CsrfConfig.defaults());
    assertThat(config.includeSubgraphErrors().includes("catalog")).isTrue();
    assertThat(config.rateLimit().enabled()).isFalse();
  }

  @Test
  void theProductionProfileLoadsWithIntrospectionOffAndCsrfOnAndMessagesRedacted() {
    RouterConfig config = new RouterConfigLoader(PRODUCTION_ENV::get).load(PRODUCTION);

    assertThat(config.introspection()).isFalse();
    assertThat(config.planInspection()).isFalse();
    assertThat(config.server().graphiql()).isFalse();
    assertThat(config.csrf()).isEqualTo(CsrfConfig.defaults());
    assertThat(config.includeSubgraphErrors()).isEqualTo(SubgraphErrorPolicy.REDACT_ALL);
    assertThat(config.subgraphs().routingUrls())
        .containsEntry("payments", "http://payments.internal/graphql")
        .hasSize(6);
  }

  @Test
  void theProductionProfileNeedsEverySubgraphUrl() {
    assertThatThrownBy(() -> new RouterConfigLoader(name -> null).load(PRODUCTION))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("ACCOUNTS_URL");
  }

  @Test
  void theProductionProfileRefusesIntrospectionWithItsCode() throws Exception {
    RouterConfig config = new RouterConfigLoader(PRODUCTION_ENV::get).load(PRODUCTION);
    String sdl = Files.readString(config.supergraph().path());

    try (Gateway gateway = Gateway.create(sdl, config.toGatewayOptions())) {
      GatewayResponse schema =
          gateway
              .execute(GatewayRequest.of("{ __schema { types { name } } }"))
              .block(Duration.ofSeconds(10));
      GatewayResponse type =
          gateway
              .execute(GatewayRequest.of("{ __type(name: \"Product\") { name } }"))
              .block(Duration.ofSeconds(10));

      for (GatewayResponse r : List.of(schema, type)) {
        assertThat(r.httpStatus()).isEqualTo(400);
        assertThat(r.errors()).hasSize(1);
        assertThat(((Map<?, ?>) r.errors().get(0).get("extensions")).get("code"))
            .isEqualTo(GraphQLErrors.INTROSPECTION_DISABLED);
        assertThat(r.data()).isNull();
      }
    }
  }
}
