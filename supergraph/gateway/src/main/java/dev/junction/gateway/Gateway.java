package dev.junction.gateway;

import dev.junction.gateway.authorization.AuthorizationRules;
import dev.junction.gateway.authorization.Authorizer;
import dev.junction.gateway.defer.IncrementalDelivery;
import dev.junction.gateway.execution.ExecutionState;
import dev.junction.gateway.execution.GraphQLErrors;
import dev.junction.gateway.execution.IdVariables;
import dev.junction.gateway.execution.OperationLimits;
import dev.junction.gateway.execution.OperationPreparer;
import dev.junction.gateway.execution.PlanExecutor;
import dev.junction.gateway.execution.PreparedOperation;
import dev.junction.gateway.execution.SubgraphClient;
import dev.junction.gateway.execution.cost.DemandControl;
import dev.junction.gateway.execution.cost.DemandControlConfig;
import dev.junction.gateway.persisted.PersistedQueries;
import dev.junction.gateway.resilience.ResilientSubgraph;
import dev.junction.gateway.resilience.SubgraphPolicy;
import dev.junction.gateway.resilience.SubgraphResilience;
import dev.junction.gateway.subscription.SubgraphSubscriptions;
import dev.junction.gateway.subscription.SubscriptionHandler;
import dev.junction.planner.PlanningException;
import dev.junction.planner.QueryPlanner;
import dev.junction.planner.plan.PlanNode;
import dev.junction.planner.plan.QueryPlan;
import dev.junction.planner.supergraph.JoinModel.Graph;
import dev.junction.planner.supergraph.Supergraph;
import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.GraphQLError;
import graphql.execution.RawVariables;
import graphql.execution.ValuesResolver;
import graphql.introspection.GoodFaithIntrospection;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLUnionType;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The federated gateway engine: loads a supergraph, plans and executes client operations against
 * the subgraphs. Thread-safe; create one per supergraph and reuse it.
 */
public final class Gateway implements Main.Engine {
  private static final Logger log = LoggerFactory.getLogger(Gateway.class);

  /** Error code of an operation whose preparation exceeded the preparation time-out. */
  public static final String PREPARATION_TIMEOUT = "OPERATION_PREPARATION_TIMEOUT";

  /** Error code when the preparation pool and its queue are full. */
  public static final String PREPARATION_OVERLOADED = "OPERATION_PREPARATION_OVERLOADED";

  private static final int PREPARATION_QUEUE = 1024;

  /**
   * Counter of requests with fields refused by the authorization directives, tagged {@code mode}.
   */
  public static final String UNAUTHORIZED_REQUESTS = "junction.authorization.refusals";

  /** Counter of operations rejected by a limit, tagged {@code limit}. */
  public static final String LIMIT_REJECTIONS = "junction.operation.limit.rejections";

  private final Supergraph supergraph;
  private final GatewayOptions options;
  private final OperationPreparer preparer;
  private final PlanExecutor executor;
  private final Map<String, ResilientSubgraph> clients = new LinkedHashMap<>();
  private final SubgraphResilience resilience;
  private final GraphQL introspection;
  private final Scheduler preparation;
  private final Authorizer authorizer;
  private final QueryPlanner planner;
  private final DemandControl demandControl;
  private final SubgraphSubscriptions subscriptions;
  private final OperationResponses responses;
  private final SubscriptionEvents events;

  private Gateway(Supergraph supergraph, GatewayOptions options) {
    this.supergraph = supergraph;
    this.options = options;
    this.planner = new QueryPlanner(supergraph);
    this.preparer =
        new OperationPreparer(supergraph.apiSchema().schema(), planner, options.limits());
    AuthorizationRules rules = AuthorizationRules.of(supergraph.sdl());
    this.authorizer =
        new Authorizer(supergraph.apiSchema().schema(), rules, options.authorization());
    if (authorizer.active()) {
      log.info(
          "Authorization directives enforced ({}){}",
          options.authorization().rejectUnauthorized() ? "requests rejected" : "fields removed",
          rules.policies().isEmpty() ? "" : "; policies in the supergraph: " + rules.policies());
    }
    this.resilience = new SubgraphResilience(options.meterRegistry(), options.clock());
    for (Graph g : supergraph.graphs().values()) {
      String url = options.subgraphUrls().getOrDefault(g.name(), g.url());
      SubgraphPolicy policy = options.trafficShaping().policyFor(g.name());
      SubgraphClient client =
          new SubgraphClient(g.name(), url, options.subgraphTimeout(), policy.maxConcurrent());
      clients.put(g.name(), new ResilientSubgraph(client, policy, resilience));
    }
    Map<String, String> socketUrls = new LinkedHashMap<>();
    clients.forEach(
        (name, c) -> socketUrls.put(name, options.subscriptions().webSocketUrl(name, c.url())));
    this.subscriptions = new SubgraphSubscriptions(socketUrls, options.subscriptions());
    Set<String> abstractTypes = new HashSet<>();
    supergraph
        .schema()
        .getAllTypesAsList()
        .forEach(
            t -> {
              if (t instanceof GraphQLInterfaceType || t instanceof GraphQLUnionType) {
                abstractTypes.add(t.getName());
              }
            });
    this.executor =
        new PlanExecutor(
            Map.copyOf(clients), options.headers(), abstractTypes, options.subgraphErrors());
    this.introspection = GraphQL.newGraphQL(supergraph.apiSchema().schema()).build();
    this.demandControl =
        new DemandControl(
            options.demandControl(),
            supergraph.schema(),
            supergraph.apiSchema().schema(),
            options.meterRegistry(),
            LIMIT_REJECTIONS);
    this.responses = new OperationResponses(supergraph, options);
    this.events = new SubscriptionEvents(subscriptions, executor, options, responses);
    this.preparation =
        Schedulers.newBoundedElastic(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            PREPARATION_QUEUE,
            "junction-prepare",
            60,
            true);
  }

  private static final class PreparationRejected extends RuntimeException {
    private static final long serialVersionUID = 1L;

    PreparationRejected() {
      super(null, null, false, false);
    }
  }

  /**
   * Builds a gateway for a supergraph SDL.
   *
   * @throws IllegalArgumentException when the supergraph is not a valid Federation supergraph
   */
  public static Gateway create(String supergraphSdl, GatewayOptions options) {
    return new Gateway(Supergraph.parse(supergraphSdl), options);
  }

  /** The loaded supergraph. */
  public Supergraph supergraph() {
    return supergraph;
  }

  /** Subgraph routing URLs in effect, by subgraph name. */
  public Map<String, String> subgraphUrls() {
    Map<String, String> out = new LinkedHashMap<>();
    clients.forEach((name, c) -> out.put(name, c.url()));
    return out;
  }

  /** The Resilience4j registries (breaker per subgraph, bulkheads) of this gateway. */
  public SubgraphResilience resilience() {
    return resilience;
  }

  /** Executes one client request; never errors: failures become GraphQL errors. */
  public Mono<GatewayResponse> execute(GatewayRequest request) {
    try {
      return run(request)
          .onErrorResume(
              e -> {
                log.error("request failed", e);
                return Mono.just(internal());
              });
    } catch (RuntimeException e) {
      log.error("request failed", e);
      return Mono.just(internal());
    }
  }

  private static GatewayResponse internal() {
    return GatewayResponse.requestError(
        List.of(GraphQLErrors.error("Internal server error", GraphQLErrors.INTERNAL)), 500);
  }

  private Mono<GatewayResponse> run(GatewayRequest request) {
    PersistedQueries.Lookup lookup =
        options.persistedQueries().lookup(request.query(), request.extensions());
    if (lookup.failed()) {
      return Mono.just(GatewayResponse.requestError(List.of(lookup.error()), lookup.status()));
    }
    String query = lookup.query();
    if (query == null || query.isBlank()) {
      return Mono.just(
          GatewayResponse.requestError(
              List.of(GraphQLErrors.error("The request has no query document.", "BAD_REQUEST")),
              400));
    }
    PreparedOperation cached = preparer.cached(query, request.operationName());
    if (cached != null) {
      return run(request, query, cached); // the fast path: no thread hop
    }
    // Parsing, validating and planning a new operation is CPU work: off the I/O thread, onto a
    // bounded pool, and bounded in time (the limits keep it linear in the document's size).
    return Mono.fromCallable(() -> preparer.prepare(query, request.operationName()))
        .subscribeOn(preparation)
        .timeout(options.preparationTimeout())
        .onErrorResume(
            TimeoutException.class,
            e ->
                Mono.just(
                    PreparedOperation.failed(
                        List.of(
                            GraphQLErrors.error(
                                "Preparing the operation took longer than "
                                    + options.preparationTimeout().toMillis()
                                    + " ms.",
                                PREPARATION_TIMEOUT)))))
        .onErrorResume(RejectedExecutionException.class, e -> Mono.error(new PreparationRejected()))
        .flatMap(prepared -> run(request, query, prepared))
        .onErrorResume(
            PreparationRejected.class,
            e ->
                Mono.just(
                    GatewayResponse.requestError(
                        List.of(
                            GraphQLErrors.error(
                                "Too many operations being prepared; retry later.",
                                PREPARATION_OVERLOADED)),
                        503)));
  }

  /**
   * A valid operation the supergraph cannot serve: no subgraph call, data null (as Hive Gateway
   * answers), never a value guessed from a subgraph that cannot resolve it.
   */
  private static GatewayResponse unplannable(List<Map<String, Object>> errors) {
    return GatewayResponse.executed(null, errors, null);
  }

  private Mono<GatewayResponse> run(
      GatewayRequest request, String query, PreparedOperation prepared) {
    if (prepared.failed()) {
      if (GraphQLErrors.planningFailed(prepared.errors())) {
        return Mono.just(unplannable(prepared.errors()));
      }
      countLimitRejection(prepared.errors());
      return Mono.just(GatewayResponse.requestError(prepared.errors(), 400));
    }
    if (!options
        .persistedQueries()
        .allowed(query, prepared.document(), prepared.operation().getName())) {
      return Mono.just(GatewayResponse.requestError(PersistedQueries.notInListError(), 400));
    }
    OperationDefinition op = prepared.operation();
    String badId =
        IdVariables.invalid(
            supergraph.apiSchema().schema(), op.getVariableDefinitions(), request.variables());
    if (badId != null) {
      return Mono.just(
          GatewayResponse.requestError(
              List.of(GraphQLErrors.error(badId, GraphQLErrors.BAD_USER_INPUT)), 400));
    }
    Map<String, Object> coerced;
    try {
      coerced =
          ValuesResolver.coerceVariableValues(
                  supergraph.apiSchema().schema(),
                  op.getVariableDefinitions(),
                  RawVariables.of(request.variables()),
                  GraphQLContext.getDefault(),
                  Locale.ENGLISH)
              .toMap();
    } catch (RuntimeException e) {
      String message = e instanceof GraphQLError ge ? ge.getMessage() : e.getMessage();
      return Mono.just(
          GatewayResponse.requestError(
              List.of(GraphQLErrors.error(message, GraphQLErrors.BAD_USER_INPUT)), 400));
    }
    DemandControl.Outcome cost =
        demandControl.check(prepared, coerced, request.header(DemandControlConfig.REQUEST_HEADER));
    if (cost.rejected()) {
      return Mono.just(GatewayResponse.requestError(List.of(cost.error()), 400));
    }
    long deadline = System.nanoTime() + options.trafficShaping().requestDeadline().toNanos();
    ExecutionState state =
        new ExecutionState(
            request.variables(), coerced, request.headers(), deadline, request.identity());
    if (prepared.introspection() != null) {
      if (!options.introspection()) {
        return Mono.just(
            GatewayResponse.requestError(
                List.of(
                    GraphQLErrors.error(
                        "Introspection is disabled.", GraphQLErrors.INTROSPECTION_DISABLED)),
                400));
      }
      ExecutionResult result =
          introspection.execute(
              ExecutionInput.newExecutionInput()
                  .query(graphql.language.AstPrinter.printAstCompact(prepared.introspection()))
                  .operationName(op.getName())
                  .variables(coerced)
                  .graphQLContext(
                      Map.of(GoodFaithIntrospection.GOOD_FAITH_INTROSPECTION_DISABLED, true))
                  .build());
      if (!result.getErrors().isEmpty()) {
        log.warn("introspection errors: {}", result.getErrors());
      }
      Map<String, Object> data = result.getData();
      if (data != null) {
        state.data().putAll(data);
      }
    }
    if (!authorizer.active()) {
      return execute(request, prepared, coerced, state, prepared.plan(), Set.of(), cost);
    }
    Authorizer.Analysis<QueryPlan> analysis =
        prepared.derive(authorizer, p -> authorizer.analyze(p.operation(), p.fragments()));
    BitSet refused = authorizer.refused(analysis, request.identity());
    if (refused.isEmpty()) {
      return execute(request, prepared, coerced, state, prepared.plan(), Set.of(), cost);
    }
    Authorizer.Outcome<QueryPlan> outcome = authorizer.cached(analysis, refused);
    if (outcome != null) {
      return authorized(request, prepared, coerced, state, outcome, cost);
    }
    // Filtering and planning the rest is CPU work: on the preparation pool, as preparing is.
    return Mono.fromCallable(
            () ->
                authorizer.compute(
                    analysis,
                    refused,
                    op,
                    prepared.fragments(),
                    doc -> planner.plan(doc, op.getName())))
        .subscribeOn(preparation)
        .timeout(options.preparationTimeout())
        .flatMap(o -> authorized(request, prepared, coerced, state, o, cost))
        .onErrorResume(
            e -> e instanceof PlanningException || e instanceof TimeoutException,
            e ->
                Mono.just(
                    e instanceof PlanningException
                        ? unplannable(
                            List.of(
                                GraphQLErrors.error(e.getMessage(), GraphQLErrors.PLANNING_FAILED)))
                        : GatewayResponse.requestError(
                            List.of(
                                GraphQLErrors.error(
                                    "Planning the authorized operation took too long.",
                                    PREPARATION_TIMEOUT)),
                            500)));
  }

  private Mono<GatewayResponse> authorized(
      GatewayRequest request,
      PreparedOperation prepared,
      Map<String, Object> coerced,
      ExecutionState state,
      Authorizer.Outcome<QueryPlan> outcome,
      DemandControl.Outcome cost) {
    options
        .meterRegistry()
        .counter(
            UNAUTHORIZED_REQUESTS, "mode", authorizer.rejectUnauthorized() ? "reject" : "filter")
        .increment();
    if (authorizer.rejectUnauthorized()) {
      return Mono.just(GatewayResponse.requestError(outcome.errors(), 403));
    }
    state.errors().addAll(outcome.errors());
    return execute(request, prepared, coerced, state, outcome.prepared(), outcome.refused(), cost);
  }

  private Mono<GatewayResponse> execute(
      GatewayRequest request,
      PreparedOperation prepared,
      Map<String, Object> coerced,
      ExecutionState state,
      QueryPlan plan,
      Set<graphql.language.Field> refused,
      DemandControl.Outcome cost) {
    if (plan != null && plan.node() instanceof PlanNode.Subscription subscription) {
      return streamed(request, prepared, coerced, state, subscription, refused, cost);
    }
    if (plan != null && plan.node() instanceof PlanNode.Defer defer) {
      return Mono.deferContextual(
          context -> {
            EventSlot slot = context.getOrDefault(EventSlot.class, null);
            if (slot != null) { // a transport that streams: WebSocket, SSE, multipart
              IncrementalDelivery delivery =
                  new IncrementalDelivery(
                      executor,
                      defer,
                      state,
                      coerced,
                      (s, sink) ->
                          responses.respond(request, prepared, coerced, s, refused, cost, sink),
                      errors -> responses.shaper(prepared, coerced, errors, refused));
              if (delivery.incremental()) {
                slot.events = delivery.payloads();
                slot.incremental = true;
                return Mono.just(STREAMED);
              }
            }
            return whole(request, prepared, coerced, state, plan, refused, cost);
          });
    }
    return whole(request, prepared, coerced, state, plan, refused, cost);
  }

  /** Runs the whole plan, then shapes the one response ({@code @defer} fragments inlined). */
  private Mono<GatewayResponse> whole(
      GatewayRequest request,
      PreparedOperation prepared,
      Map<String, Object> coerced,
      ExecutionState state,
      QueryPlan plan,
      Set<graphql.language.Field> refused,
      DemandControl.Outcome cost) {
    Mono<Void> fetches =
        plan == null || plan.node() == null ? Mono.empty() : executor.execute(plan.node(), state);
    return fetches.then(
        Mono.fromCallable(
            () -> responses.respond(request, prepared, coerced, state, refused, cost)));
  }

  /**
   * Counts a rejection by an operation limit: {@code junction.operation.limit.rejections}, tagged
   * with the limit's {@code router.yaml} key ({@code fragment_cycle} for fragment cycles).
   */
  private void countLimitRejection(List<Map<String, Object>> errors) {
    if (errors.isEmpty() || !(errors.get(0).get("extensions") instanceof Map<?, ?> ext)) {
      return;
    }
    Object limit = ext.get("limit");
    if (limit == null && OperationLimits.FRAGMENT_CYCLE.equals(ext.get("code"))) {
      limit = "fragment_cycle";
    }
    if (limit != null) {
      options.meterRegistry().counter(LIMIT_REJECTIONS, "limit", limit.toString()).increment();
    }
  }

  // --- Subscriptions ------------------------------------------------------------------------

  /** Error code of a subscription sent without a streaming transport (WebSocket or SSE). */
  public static final String SUBSCRIPTION_TRANSPORT_REQUIRED = "SUBSCRIPTION_TRANSPORT_REQUIRED";

  /** What {@link #execute} answers when {@link #subscribe} takes the events instead. */
  private static final GatewayResponse STREAMED = GatewayResponse.requestError(List.of(), 200);

  /** Where {@link #streamed} hands the events of a subscription to {@link #subscribe}. */
  private static final class EventSlot {
    volatile Flux<GatewayResponse> events;
    volatile boolean incremental;
  }

  /**
   * Executes one client request on a streaming transport: a subscription gives one response per
   * event of its subgraph (each completed by the plan's entity fetches and shaped as a query's
   * response; an event's errors do not end the stream), a query or mutation its one response. Never
   * errors: failures become GraphQL errors.
   */
  public Flux<GatewayResponse> subscribe(GatewayRequest request) {
    return open(request).flatMapMany(SubscriptionHandler.Opened::all);
  }

  /**
   * As {@link #subscribe}, in two steps: the operation accepted (its responses still to come) or
   * refused, as soon as that is known, before any subgraph event.
   */
  public Mono<SubscriptionHandler.Opened> open(GatewayRequest request) {
    EventSlot slot = new EventSlot();
    return execute(request)
        .contextWrite(c -> c.put(EventSlot.class, slot))
        .map(
            r ->
                r != STREAMED
                    ? SubscriptionHandler.Opened.of(r)
                    : slot.incremental
                        ? SubscriptionHandler.Opened.incremental(slot.events)
                        : SubscriptionHandler.Opened.accepted(slot.events));
  }

  /** Subgraph sockets open now (one per running subscription). */
  public int openSubgraphSockets() {
    return subscriptions.openSockets();
  }

  private Mono<GatewayResponse> streamed(
      GatewayRequest request,
      PreparedOperation prepared,
      Map<String, Object> coerced,
      ExecutionState first,
      PlanNode.Subscription subscription,
      Set<graphql.language.Field> refused,
      DemandControl.Outcome cost) {
    return Mono.deferContextual(
        context -> {
          EventSlot slot = context.getOrDefault(EventSlot.class, null);
          if (slot == null) {
            return Mono.just(
                GatewayResponse.requestError(
                    List.of(
                        GraphQLErrors.error(
                            "Subscriptions need a streaming transport: a graphql-transport-ws"
                                + " WebSocket or a request with Accept: text/event-stream.",
                            SUBSCRIPTION_TRANSPORT_REQUIRED)),
                    406));
          }
          slot.events =
              events.events(request, prepared, coerced, first, subscription, refused, cost);
          return Mono.just(STREAMED);
        });
  }

  /** The API schema (what clients see), as SDL. */
  public String apiSchemaSdl() {
    return supergraph.apiSchema().sdl();
  }

  @Override
  public void close() {
    clients.values().forEach(ResilientSubgraph::close);
    preparation.dispose();
  }
}
