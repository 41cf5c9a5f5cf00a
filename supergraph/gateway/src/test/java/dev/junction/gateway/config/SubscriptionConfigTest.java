package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The {@code subscription:} section of router.yaml. */
class SubscriptionConfigTest {
  private static RouterConfig parse(String yaml) {
    return new RouterConfigLoader(name -> null).parse(yaml, "router.yaml", null);
  }

  @Test
  void defaultsWhenAbsent() {
    SubscriptionConfig c = parse("").subscription();
    assertThat(c).isEqualTo(SubscriptionConfig.defaults());
    assertThat(c.enabled()).isTrue();
    assertThat(c.maxSubscriptionsPerConnection()).isEqualTo(100);
    assertThat(c.connectionInitTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.webSocketUrl("orders", "http://orders:4004/graphql"))
        .isEqualTo("ws://orders:4004/graphql");
    assertThat(c.webSocketUrl("orders", "https://orders.example/api/graphql?x=1"))
        .isEqualTo("wss://orders.example/api/graphql?x=1");
  }

  @Test
  void everyKeyAndThePerSubgraphOverrides() {
    SubscriptionConfig c =
        parse(
                """
                subscription:
                  enabled: false
                  max_subscriptions_per_connection: 5
                  max_connections_per_client: 7
                  connection_init_timeout: 2s
                  keepalive_interval: 0s
                  buffer_size: 9
                  max_message_bytes: 4096
                  subgraph_ack_timeout: 3s
                  all:
                    path: /ws
                  subgraphs:
                    orders:
                      url: ws://elsewhere:9/subs
                    inventory:
                      path: /inventory-ws
                """)
            .subscription();
    assertThat(c.enabled()).isFalse();
    assertThat(c.maxSubscriptionsPerConnection()).isEqualTo(5);
    assertThat(c.maxConnectionsPerClient()).isEqualTo(7);
    assertThat(c.connectionInitTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.keepaliveInterval()).isZero();
    assertThat(c.bufferSize()).isEqualTo(9);
    assertThat(c.maxMessageBytes()).isEqualTo(4096);
    assertThat(c.subgraphAckTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(c.webSocketUrl("orders", "http://orders:4004/graphql"))
        .isEqualTo("ws://elsewhere:9/subs");
    assertThat(c.webSocketUrl("inventory", "http://inv:4003/graphql"))
        .isEqualTo("ws://inv:4003/inventory-ws");
    assertThat(c.webSocketUrl("accounts", "https://acc:4001/graphql"))
        .isEqualTo("wss://acc:4001/ws");
  }

  @Test
  void unknownKeysAndBadValuesNameTheKey() {
    assertThatThrownBy(() -> parse("subscription: {buffer_sise: 3}"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("subscription.buffer_sise")
        .hasMessageContaining("buffer_size");
    assertThatThrownBy(() -> parse("subscription: {subgraphs: {orders: {uri: x}}}"))
        .hasMessageContaining("subscription.subgraphs.orders.uri");
    assertThatThrownBy(() -> parse("subscription: {subgraphs: {orders: {url: 'http://x/'}}}"))
        .hasMessageContaining("ws://");
    assertThatThrownBy(() -> parse("subscription: {connection_init_timeout: 0s}"))
        .hasMessageContaining("subscription.connection_init_timeout");
    assertThatThrownBy(() -> parse("subscription: {all: {path: graphql}}"))
        .hasMessageContaining("subscription.all.path");
    assertThatThrownBy(() -> parse("subscription: {max_subscriptions_per_connection: 0}"))
        .hasMessageContaining("subscription.max_subscriptions_per_connection");
  }

  @Test
  void theCommittedRouterYamlDocumentsTheDefaults() {
    RouterConfig config =
        new RouterConfigLoader(name -> null).load(Path.of("../../router-config/router.yaml"));
    assertThat(config.subscription()).isEqualTo(SubscriptionConfig.defaults());
  }
}
