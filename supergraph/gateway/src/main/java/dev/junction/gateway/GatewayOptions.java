package dev.junction.gateway;

import dev.junction.gateway.auth.SubgraphCredentials;
import dev.junction.gateway.authorization.AuthorizationSettings;
import dev.junction.gateway.execution.OperationLimits;
import dev.junction.gateway.execution.SubgraphErrorPolicy;
import dev.junction.gateway.execution.cost.DemandControlConfig;
import dev.junction.gateway.headers.CallerCredentialHeaders;
import dev.junction.gateway.persisted.PersistedQueries;
import dev.junction.gateway.resilience.TrafficShaping;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What the gateway engine needs beyond the supergraph. The HTTP layer builds it from {@code
 * router.yaml}.
 *
 * @param subgraphUrls routing URL overrides by subgraph name (supergraph {@code join__Graph} name,
 *     lower-case as in {@code @join__graph(name:)}); subgraphs not listed use the supergraph's URL
 * @param headers which client headers each subgraph request carries, and the caller credential
 * @param introspection whether {@code __schema} and {@code __type} are answered
 * @param planInspection whether a client may ask for the query plan in the response extensions
 *     (request header {@code x-junction-plan: true})
 * @param subgraphTimeout transport time-out of one subgraph HTTP call (connect and response); it
 *     reports {@code SUBGRAPH_UNAVAILABLE}, unlike the per-attempt {@code timeout} of the traffic
 *     shaping, which reports {@code SUBGRAPH_TIMEOUT}
 * @param trafficShaping request deadline, load shedding and per-subgraph resilience policies
 * @param meterRegistry where the engine's metrics go
 * @param clock the circuit breakers' clock (tests move it to skip the open state)
 * @param persistedQueries automatic persisted queries and the optional safelist
 * @param limits operation size limits, checked before validation and planning
 * @param preparationTimeout how long parsing, validating and planning a new operation may take (on
 *     the preparation pool, off the I/O threads) before the request gets {@code
 *     OPERATION_PREPARATION_TIMEOUT}
 * @param subgraphErrors which subgraphs' error messages reach clients (others are redacted)
 * @param authorization how {@code @authenticated}, {@code @requiresScopes} and {@code @policy} are
 *     enforced
 * @param demandControl the estimated cost limit of operations, checked before any subgraph call
 * @param subscriptions federated subscriptions: subgraph WebSocket URLs, limits, time-outs
 */
public record GatewayOptions(
    Map<String, String> subgraphUrls,
    HeaderPropagator headers,
    boolean introspection,
    boolean planInspection,
    Duration subgraphTimeout,
    TrafficShaping trafficShaping,
    MeterRegistry meterRegistry,
    Clock clock,
    PersistedQueries persistedQueries,
    OperationLimits limits,
    Duration preparationTimeout,
    SubgraphErrorPolicy subgraphErrors,
    AuthorizationSettings authorization,
    DemandControlConfig demandControl,
    dev.junction.gateway.config.SubscriptionConfig subscriptions) {

  public GatewayOptions {
    subgraphUrls = Map.copyOf(subgraphUrls);
  }

  /** Default preparation time-out (5 s). */
  public static final Duration DEFAULT_PREPARATION_TIMEOUT = Duration.ofSeconds(5);

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
    private SubgraphCredentials subgraphAuth;
    private dev.junction.gateway.config.SubscriptionConfig subscriptions =
        dev.junction.gateway.config.SubscriptionConfig.defaults();
    private boolean introspection = true;
    private boolean planInspection;
    private Duration subgraphTimeout = Duration.ofSeconds(30);
    private TrafficShaping trafficShaping = TrafficShaping.defaults();
    private MeterRegistry meterRegistry;
    private Clock clock = Clock.systemUTC();
    private PersistedQueries persistedQueries = PersistedQueries.apqOnly();
    private OperationLimits limits = OperationLimits.DEFAULTS;
    private Duration preparationTimeout = DEFAULT_PREPARATION_TIMEOUT;
    private SubgraphErrorPolicy subgraphErrors = SubgraphErrorPolicy.REDACT_ALL;
    private AuthorizationSettings authorization = AuthorizationSettings.DEFAULTS;
    private DemandControlConfig demandControl = DemandControlConfig.defaults();

    /** How the authorization directives are enforced ({@link AuthorizationSettings#DEFAULTS}). */
    public Builder authorization(AuthorizationSettings authorization) {
      this.authorization = authorization;
      return this;
    }

    /** The hook deciding {@code @policy} names (keeps the other authorization settings). */
    public Builder policies(dev.junction.gateway.authorization.PolicyDecider decider) {
      this.authorization = authorization.withPolicies(decider);
      return this;
    }

    /** Demand control ({@link DemandControlConfig#defaults()} unless set). */
    public Builder demandControl(DemandControlConfig demandControl) {
      this.demandControl = demandControl;
      return this;
    }

    /** Which subgraphs' error messages reach clients (none unless set). */
    public Builder subgraphErrors(SubgraphErrorPolicy policy) {
      this.subgraphErrors = policy;
      return this;
    }

    /** How long preparing a new operation may take (5 s unless set). */
    public Builder preparationTimeout(Duration timeout) {
      this.preparationTimeout = timeout;
      return this;
    }

    /** Operation size limits ({@link OperationLimits#DEFAULTS} unless set). */
    public Builder limits(OperationLimits limits) {
      this.limits = limits;
      return this;
    }

    /** Persisted queries (APQ on, no safelist, unless set). */
    public Builder persistedQueries(PersistedQueries persistedQueries) {
      this.persistedQueries = persistedQueries;
      return this;
    }

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

    public Builder trafficShaping(TrafficShaping trafficShaping) {
      this.trafficShaping = trafficShaping;
      return this;
    }

    /** Where metrics go; without one the gateway keeps them in a private in-memory registry. */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meterRegistry = meterRegistry;
      return this;
    }

    /** The circuit breakers' clock; the system clock unless a test moves time by hand. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * The caller credential sent to the subgraphs ({@code subgraph_auth:}); null sends none. Either
     * way, a client-chosen {@value SubgraphCredentials#HEADER} header never reaches a subgraph.
     */
    public Builder subgraphAuth(SubgraphCredentials credentials) {
      this.subgraphAuth = credentials;
      return this;
    }

    /** Federated subscriptions: subgraph WebSocket URLs, limits and time-outs. */
    public Builder subscriptions(dev.junction.gateway.config.SubscriptionConfig subscriptions) {
      this.subscriptions = java.util.Objects.requireNonNull(subscriptions);
      return this;
    }

    public GatewayOptions build() {
      HeaderPropagator withCredential =
          subgraphAuth == null && headers == HeaderPropagator.NONE
              ? headers
              : new CallerCredentialHeaders(headers, subgraphAuth);
      return new GatewayOptions(
          subgraphUrls,
          withCredential,
          introspection,
          planInspection,
          subgraphTimeout,
          trafficShaping,
          meterRegistry == null ? new SimpleMeterRegistry() : meterRegistry,
          clock,
          persistedQueries,
          limits,
          preparationTimeout,
          subgraphErrors,
          authorization,
          demandControl,
          subscriptions);
    }
  }
}
