package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

class SupergraphSubgraphsTest {
  private static final String SUPERGRAPH =
      """
      schema @link(url: "https://specs.apollo.dev/join/v0.3", for: EXECUTION) { query: Query }
      enum join__Graph {
        ACCOUNTS @join__graph(name: "accounts", url: "http://localhost:4001/graphql")
        CATALOG @join__graph(name: "catalog", url: "http://localhost:4002/graphql")
      }
      type Query @join__type(graph: ACCOUNTS) { me: String @join__field(graph: ACCOUNTS) }
      """;

  private static RouterConfig parse(String yaml) {
    return new RouterConfigLoader(name -> null).parse(yaml, "router.yaml", null);
  }

  @Test
  void readsTheSubgraphNamesOfTheJoinGraphEnum() {
    assertThat(SupergraphSubgraphs.names(SUPERGRAPH)).containsExactly("accounts", "catalog");
  }

  @Test
  void anUnparsableSupergraphHasNoNamesAndIsLeftToTheEngine() {
    assertThat(SupergraphSubgraphs.names("type Query {")).isEmpty();
    assertThatCode(
            () ->
                SupergraphSubgraphs.check(
                    parse("subgraphs:\n  x:\n    routing_url: http://x/graphql\n"), Set.of()))
        .doesNotThrowAnyException();
  }

  @Test
  void knownSubgraphNamesPass() {
    RouterConfig config =
        parse(
            "subgraphs:\n  catalog:\n    routing_url: http://c/graphql\n"
                + "headers:\n  subgraphs:\n    accounts:\n      remove:\n        - named: a\n");

    assertThatCode(() -> SupergraphSubgraphs.check(config, SupergraphSubgraphs.names(SUPERGRAPH)))
        .doesNotThrowAnyException();
  }

  @Test
  void aTypoInASubgraphNameStopsStartup() {
    Set<String> names = SupergraphSubgraphs.names(SUPERGRAPH);

    assertThatThrownBy(
            () ->
                SupergraphSubgraphs.check(
                    parse("subgraphs:\n  catalgo:\n    routing_url: http://c/graphql\n"), names))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "subgraphs.catalgo: the supergraph has no subgraph named 'catalgo' (subgraphs:"
                + " accounts, catalog)");
    assertThatThrownBy(
            () ->
                SupergraphSubgraphs.check(
                    parse(
                        "headers:\n  subgraphs:\n    Accounts:\n      remove:\n        - named: a\n"),
                    names))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("headers.subgraphs.Accounts: the supergraph has no subgraph");
    assertThatThrownBy(
            () ->
                SupergraphSubgraphs.check(
                    parse(
                        "subgraph_auth:\n  subgraphs:\n    acounts:\n"
                            + "      secret: 0123456789abcdef0123456789abcdef\n"),
                    names))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("subgraph_auth.subgraphs.acounts: the supergraph has no subgraph");
  }
}
