package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.Identity;
import dev.junction.gateway.auth.SubgraphCredentials;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SubgraphAuthConfigTest {
  private static final String SECRET = "0123456789abcdef0123456789abcdef";
  private static final String OTHER = "fedcba9876543210fedcba9876543210";

  private static RouterConfig parse(String yaml, Map<String, String> env) {
    return new RouterConfigLoader(env::get).parse(yaml, "router.yaml", null);
  }

  private static RouterConfig parse(String yaml) {
    return parse(yaml, Map.of());
  }

  @Test
  void offByDefaultAndWithAnEmptySecret() {
    assertThat(parse("").subgraphAuth()).isEqualTo(SubgraphAuthConfig.disabled());
    SubgraphAuthConfig empty =
        parse("subgraph_auth:\n  all:\n    secret: ${env.JUNCTION_SUBGRAPH_SECRET:-}\n")
            .subgraphAuth();
    assertThat(empty.enabled()).isFalse();
    assertThat(empty.toCredentials(java.time.Clock.systemUTC())).isNull();
  }

  @Test
  void allAndPerSubgraphSecretsFromTheEnvironment() throws Exception {
    SubgraphAuthConfig c =
        parse(
                "subgraph_auth:\n  all:\n    secret: ${env.S}\n  subgraphs:\n    payments:\n"
                    + "      secret: "
                    + OTHER
                    + "\n",
                Map.of("S", SECRET))
            .subgraphAuth();
    assertThat(c.enabled()).isTrue();
    assertThat(c.allSecret()).isEqualTo(SECRET);
    assertThat(c.subgraphSecrets()).containsOnlyKeys("payments");
    assertThat(c.toString()).doesNotContain(SECRET).doesNotContain(OTHER);

    // the engine options send a token signed with each subgraph's own secret
    GatewayOptions options =
        parse(
                "subgraph_auth:\n  all:\n    secret: ${env.S}\n  subgraphs:\n    payments:\n"
                    + "      secret: "
                    + OTHER
                    + "\n",
                Map.of("S", SECRET))
            .toGatewayOptions();
    Identity user = new Identity("t", Map.of("sub", "cust-001"));
    String toOrders =
        options
            .headers()
            .headersFor("orders", Map.of(), user)
            .get(SubgraphCredentials.HEADER)
            .get(0);
    String toPayments =
        options
            .headers()
            .headersFor("payments", Map.of(), user)
            .get(SubgraphCredentials.HEADER)
            .get(0);
    assertThat(SignedJWT.parse(toOrders).verify(new MACVerifier(SECRET))).isTrue();
    assertThat(SignedJWT.parse(toPayments).verify(new MACVerifier(OTHER))).isTrue();
    assertThat(SignedJWT.parse(toPayments).verify(new MACVerifier(SECRET))).isFalse();
  }

  @Test
  void unknownKeysAndShortSecretsAreErrorsNamingTheKey() {
    assertThatThrownBy(() -> parse("subgraph_auth:\n  secret: x\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'subgraph_auth.secret'");
    assertThatThrownBy(() -> parse("subgraph_auth:\n  all:\n    secrett: x\n"))
        .hasMessageContaining("unknown key 'subgraph_auth.all.secrett'");
    assertThatThrownBy(() -> parse("subgraph_auth:\n  subgraphs:\n    orders:\n      key: x\n"))
        .hasMessageContaining("unknown key 'subgraph_auth.subgraphs.orders.key'");
    assertThatThrownBy(() -> parse("subgraph_auth:\n  all:\n    secret: too-short\n"))
        .hasMessageContaining("subgraph_auth.all.secret: must have at least 32 bytes (got 9)")
        .hasMessageNotContaining("too-short");
  }

  @Test
  void withoutASecretAClientCredentialIsStillDropped() {
    GatewayOptions options =
        parse("headers:\n  all:\n    propagate:\n      - matching: ^x-\n").toGatewayOptions();
    Map<String, List<String>> sent =
        options
            .headers()
            .headersFor(
                "orders",
                Map.of("x-junction-caller", List.of("forged"), "x-tenant", List.of("t1")),
                Identity.ANONYMOUS);
    assertThat(sent).containsOnlyKeys("x-tenant");
  }
}
