package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.HeaderPropagator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatewayOptionsMappingTest {

  private static RouterConfig parse(String yaml) {
    return new RouterConfigLoader(name -> null).parse(yaml, "router.yaml", null);
  }

  @Test
  void defaultsMatchTheEngineDefaults() {
    GatewayOptions options = RouterConfig.defaults().toGatewayOptions();

    assertThat(options.subgraphUrls()).isEmpty();
    assertThat(options.headers()).isSameAs(HeaderPropagator.NONE);
    assertThat(options.introspection()).isEqualTo(GatewayOptions.defaults().introspection());
    assertThat(options.planInspection()).isEqualTo(GatewayOptions.defaults().planInspection());
    assertThat(options.subgraphTimeout()).isEqualTo(GatewayOptions.defaults().subgraphTimeout());
  }

  @Test
  void carriesEveryEngineSetting() {
    GatewayOptions options =
        parse(
                """
                subgraphs:
                  products:
                    routing_url: http://localhost:9001/graphql
                headers:
                  all:
                    propagate:
                      - named: authorization
                  subgraphs:
                    products:
                      insert:
                        - name: x-subgraph
                          value: products
                introspection: false
                plan_inspection: true
                subgraph_timeout: 1m
                """)
            .toGatewayOptions();

    assertThat(options.subgraphUrls())
        .isEqualTo(Map.of("products", "http://localhost:9001/graphql"));
    assertThat(options.introspection()).isFalse();
    assertThat(options.planInspection()).isTrue();
    assertThat(options.subgraphTimeout()).isEqualTo(Duration.ofMinutes(1));
    Map<String, List<String>> client = Map.of("authorization", List.of("Bearer t"));
    assertThat(options.headers().headersFor("products", client))
        .containsExactly(
            Map.entry("authorization", List.of("Bearer t")),
            Map.entry("x-subgraph", List.of("products")));
    assertThat(options.headers().headersFor("reviews", client))
        .containsExactly(Map.entry("authorization", List.of("Bearer t")));
  }
}
