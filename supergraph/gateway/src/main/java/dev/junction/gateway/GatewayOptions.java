package dev.junction.gateway;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What the gateway engine needs beyond the supergraph. The HTTP layer builds it from {@code
 * router.yaml}.
 *
 * @param subgraphUrls routing URL overrides by subgraph name (supergraph {@code join__Graph} name,
 *     lower-case as in {@code @join__graph(name:)}); subgraphs not listed use the supergraph's URL
 * @param headers which client headers each subgraph request carries
 * @param introspection whether {@code __schema} and {@code __type} are answered
 * @param planInspection whether a client may ask for the query plan in the response extensions
 *     (request header {@code x-junction-plan: true})
 * @param subgraphTimeout time-out of one subgraph HTTP call
 */
public record GatewayOptions(
    Map<String, String> subgraphUrls,
    HeaderPropagator headers,
    boolean introspection,
    boolean planInspection,
    Duration subgraphTimeout) {

  public GatewayOptions {
    subgraphUrls = Map.copyOf(subgraphUrls);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Defaults: no overrides, no header propagation, introspection on, plan inspection off. */
  public static GatewayOptions defaults() {
    return builder().build();
  }

  /** Builder for {@link GatewayOptions}. */
  public static final class Builder {
    private final Map<String, String> subgraphUrls = new HashMap<>();
    private HeaderPropagator headers = HeaderPropagator.NONE;
    private boolean introspection = true;
    private boolean planInspection;
    private Duration subgraphTimeout = Duration.ofSeconds(30);

    public Builder subgraphUrl(String subgraph, String url) {
      subgraphUrls.put(subgraph, url);
      return this;
    }

    public Builder subgraphUrls(Map<String, String> urls) {
      subgraphUrls.putAll(urls);
      return this;
    }

    public Builder headers(HeaderPropagator headers) {
      this.headers = headers;
      return this;
    }

    public Builder introspection(boolean enabled) {
      this.introspection = enabled;
      return this;
    }

    public Builder planInspection(boolean enabled) {
      this.planInspection = enabled;
      return this;
    }

    public Builder subgraphTimeout(Duration timeout) {
      this.subgraphTimeout = timeout;
      return this;
    }

    public GatewayOptions build() {
      return new GatewayOptions(
          subgraphUrls, headers, introspection, planInspection, subgraphTimeout);
    }
  }
}
