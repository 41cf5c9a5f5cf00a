package dev.junction.gateway.headers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RuleBasedHeaderPropagatorTest {
  private static final Map<String, List<String>> CLIENT = client();

  private static Map<String, List<String>> client() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("authorization", List.of("Bearer abc"));
    headers.put("x-tenant", List.of("acme"));
    headers.put("x-trace-id", List.of("t-1"));
    headers.put("x-trace-debug", List.of("1"));
    headers.put("accept-language", List.of("fr", "en"));
    headers.put("content-type", List.of("application/json"));
    headers.put("content-length", List.of("42"));
    headers.put("host", List.of("gateway:4000"));
    headers.put("cookie", List.of("session=s"));
    return headers;
  }

  private static Map<String, List<String>> apply(List<HeaderRule> all, String subgraph) {
    return new RuleBasedHeaderPropagator(all, Map.of()).headersFor(subgraph, CLIENT);
  }

  @Test
  void withoutRulesNothingIsPropagated() {
    RuleBasedHeaderPropagator none = new RuleBasedHeaderPropagator(List.of(), Map.of());

    assertThat(none.isEmpty()).isTrue();
    assertThat(none.headersFor("products", CLIENT)).isEmpty();
  }

  @Test
  void propagatesNamedHeadersWithAllTheirValues() {
    assertThat(
            apply(
                List.of(
                    new HeaderRule.Propagate("Authorization", null, null),
                    new HeaderRule.Propagate("accept-language", null, null)),
                "products"))
        .containsExactly(
            Map.entry("authorization", List.of("Bearer abc")),
            Map.entry("accept-language", List.of("fr", "en")));
  }

  @Test
  void renamesAndFallsBackToTheDefault() {
    List<HeaderRule> rules =
        List.of(
            new HeaderRule.Propagate("x-tenant", "x-tenant-id", "public"),
            new HeaderRule.Propagate("x-region", null, "eu"),
            new HeaderRule.Propagate("x-absent", null, null));

    assertThat(apply(rules, "products"))
        .containsExactly(
            Map.entry("x-tenant-id", List.of("acme")), Map.entry("x-region", List.of("eu")));
  }

  @Test
  void propagatesByRegexButNeverReservedHeaders() {
    List<HeaderRule> rules =
        List.of(new HeaderRule.PropagateMatching(Pattern.compile("^(x-trace-|content-|host)")));

    assertThat(apply(rules, "products"))
        .containsOnlyKeys("x-trace-id", "x-trace-debug")
        .doesNotContainKeys("content-type", "content-length", "host");
  }

  @Test
  void insertReplacesAndRemoveRunsLast() {
    List<HeaderRule> rules =
        List.of(
            new HeaderRule.PropagateMatching(Pattern.compile("^x-")),
            new HeaderRule.Insert("x-tenant", "fixed"),
            new HeaderRule.Remove("x-trace-debug"),
            new HeaderRule.RemoveMatching(Pattern.compile("trace-id$")));

    assertThat(apply(rules, "products")).containsExactly(Map.entry("x-tenant", List.of("fixed")));
  }

  @Test
  void subgraphRulesRunAfterTheAllRulesAndOnlyForThatSubgraph() {
    RuleBasedHeaderPropagator propagator =
        new RuleBasedHeaderPropagator(
            List.of(new HeaderRule.Propagate("authorization", null, null)),
            Map.of(
                "Payments",
                List.of(
                    new HeaderRule.Remove("authorization"),
                    new HeaderRule.Propagate("cookie", null, null))));

    assertThat(propagator.headersFor("payments", CLIENT))
        .containsExactly(Map.entry("cookie", List.of("session=s")));
    assertThat(propagator.headersFor("products", CLIENT))
        .containsExactly(Map.entry("authorization", List.of("Bearer abc")));
  }

  @Test
  void theResultCannotBeModifiedAndTheClientMapIsUntouched() {
    Map<String, List<String>> out =
        apply(List.of(new HeaderRule.Insert("x-gateway", "junction")), "products");

    assertThat(out).isUnmodifiable();
    assertThat(CLIENT).doesNotContainKey("x-gateway");
  }

  @Test
  void reservedNamesAreCaseInsensitive() {
    assertThat(HeaderRule.isReserved("Content-Type")).isTrue();
    assertThat(HeaderRule.isReserved("TRANSFER-ENCODING")).isTrue();
    assertThat(HeaderRule.isReserved("authorization")).isFalse();
  }
}
