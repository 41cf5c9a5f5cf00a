package dev.junction.gateway.config;

import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.HeaderPropagator;
import dev.junction.gateway.execution.OperationLimits;
import dev.junction.gateway.execution.SubgraphErrorPolicy;
import dev.junction.gateway.execution.cost.DemandControlConfig;
import dev.junction.gateway.headers.RuleBasedHeaderPropagator;
import dev.junction.gateway.resilience.TrafficShaping;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;

/**
 * The whole {@code router.yaml}, one record per section. {@link RouterConfigLoader} builds it;
 * {@link #defaults()} is what an empty file means.
 *
 * @param server listen address and HTTP limits
 * @param supergraph where the supergraph SDL is
 * @param subgraphs per-subgraph overrides
 * @param headers header propagation rules
 * @param cors cross-origin policy
 * @param introspection whether {@code __schema} / {@code __type} are answered
 * @param planInspection whether clients may ask for the query plan ({@code x-junction-plan})
 * @param subgraphTimeout transport time-out of one subgraph call
 * @param trafficShaping request deadline, load shedding, per-subgraph resilience policies
 * @param persistedQueries automatic persisted queries and the optional safelist
 * @param limits operation size limits (depth, height, aliases, root fields, directives, tokens)
 * @param csrf CSRF prevention (on by default)
 * @param includeSubgraphErrors which subgraphs' error messages reach clients (none by default)
 * @param rateLimit per-client rate limiting (off by default)
 * @param authentication bearer token (JWT) verification
 * @param authorization enforcement of the authorization directives
 * @param demandControl the estimated cost limit of operations ({@code demand_control:})
 * @param subgraphAuth the caller credential the gateway sends to the subgraphs (off by default)
 * @param subscription federated subscriptions (WebSocket and SSE; on by default)
 */
public record RouterConfig(
    ServerConfig server,
    SupergraphConfig supergraph,
    SubgraphsConfig subgraphs,
    HeadersConfig headers,
    CorsConfig cors,
    boolean introspection,
    boolean planInspection,
    Duration subgraphTimeout,
    TrafficShaping trafficShaping,
    PersistedQueriesConfig persistedQueries,
    OperationLimits limits,
    CsrfConfig csrf,
    SubgraphErrorPolicy includeSubgraphErrors,
    RateLimitConfig rateLimit,
    AuthenticationConfig authentication,
    AuthorizationConfig authorization,
    DemandControlConfig demandControl,
    SubgraphAuthConfig subgraphAuth,
    SubscriptionConfig subscription) {

  /** Default subgraph time-out. */
  public static final Duration DEFAULT_SUBGRAPH_TIMEOUT = Duration.ofSeconds(30);

  /** Every default: the meaning of an empty file. */
  public static RouterConfig defaults() {
    return new RouterConfig(
        ServerConfig.defaults(),
        new SupergraphConfig(null),
        new SubgraphsConfig(java.util.Map.of()),
        HeadersConfig.none(),
        CorsConfig.disabled(),
        true,
        false,
        DEFAULT_SUBGRAPH_TIMEOUT,
        TrafficShaping.defaults(),
        PersistedQueriesConfig.defaults(),
        OperationLimits.DEFAULTS,
        CsrfConfig.defaults(),
        SubgraphErrorPolicy.REDACT_ALL,
        RateLimitConfig.disabled(),
        AuthenticationConfig.disabled(),
        AuthorizationConfig.defaults(),
        DemandControlConfig.defaults(),
        SubgraphAuthConfig.disabled(),
        SubscriptionConfig.defaults());
  }

  /** The same config with another server section (command-line overrides). */
  public RouterConfig withServer(ServerConfig newServer) {
    return new RouterConfig(
        newServer,
        supergraph,
        subgraphs,
        headers,
        cors,
        introspection,
        planInspection,
        subgraphTimeout,
        trafficShaping,
        persistedQueries,
        limits,
        csrf,
        includeSubgraphErrors,
        rateLimit,
        authentication,
        authorization,
        demandControl,
        subgraphAuth,
        subscription);
  }

  /** The same config with another supergraph file (command-line override). */
  public RouterConfig withSupergraph(SupergraphConfig newSupergraph) {
    return new RouterConfig(
        server,
        newSupergraph,
        subgraphs,
        headers,
        cors,
        introspection,
        planInspection,
        subgraphTimeout,
        trafficShaping,
        persistedQueries,
        limits,
        csrf,
        includeSubgraphErrors,
        rateLimit,
        authentication,
        authorization,
        demandControl,
        subgraphAuth,
        subscription);
  }

  /**
   * What the engine needs: URL overrides, header rules, introspection, plan inspection, time-out.
   */
  public GatewayOptions toGatewayOptions() {
    return toGatewayOptions(null);
  }

  /** What the engine needs, its metrics going to {@code meters} (a private registry when null). */
  public GatewayOptions toGatewayOptions(MeterRegistry meters) {
    return toGatewayOptionsBuilder(meters).build();
  }

  /** The engine options as a builder, for callers that add to them (a test clock, say). */
  public GatewayOptions.Builder toGatewayOptionsBuilder(MeterRegistry meters) {
    RuleBasedHeaderPropagator rules =
        new RuleBasedHeaderPropagator(headers.all(), headers.subgraphs());
    HeaderPropagator propagator = rules.isEmpty() ? HeaderPropagator.NONE : rules;
    return GatewayOptions.builder()
        .subgraphUrls(subgraphs.routingUrls())
        .headers(propagator)
        .subgraphAuth(subgraphAuth.toCredentials(java.time.Clock.systemUTC()))
        .introspection(introspection)
        .planInspection(planInspection)
        .subgraphTimeout(subgraphTimeout)
        .trafficShaping(trafficShaping)
        .persistedQueries(persistedQueries.toPersistedQueries())
        .limits(limits)
        .subgraphErrors(includeSubgraphErrors)
        .authorization(authorization.toSettings())
        .demandControl(demandControl)
        .subscriptions(subscription)
        .meterRegistry(meters);
  }
}
