package dev.junction.gateway.resilience;

import dev.junction.gateway.execution.GraphQLErrors;
import dev.junction.gateway.execution.SubgraphClient;
import dev.junction.gateway.execution.SubgraphClient.Result;
import dev.junction.gateway.execution.SubgraphFetcher;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.reactor.bulkhead.operator.BulkheadOperator;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Mono;

/**
 * One subgraph behind its policies: in-flight de-duplication, then (per fetch) retry, and per
 * attempt bulkhead, circuit breaker and time limiter, all Resilience4j. The request deadline bounds
 * the whole. Never signals an error: every failure becomes a {@link Result} with a code.
 */
public final class ResilientSubgraph implements SubgraphFetcher, AutoCloseable {
  private final SubgraphClient client;
  private final SubgraphPolicy policy;
  private final String name;
  private final Bulkhead bulkhead;
  private final CircuitBreaker breaker;
  private final TimeLimiter timeLimiter;
  private final Retry retry;
  private final IntervalFunction backoff;
  private final SubgraphResilience resilience;
  private final Counter deduplicated;
  private final Map<DedupKey, InFlight> inFlight = new ConcurrentHashMap<>();

  /** A shared in-flight call and how many callers joined it after the first. */
  private static final class InFlight {
    volatile Mono<Result> result;
    final java.util.concurrent.atomic.AtomicInteger joiners =
        new java.util.concurrent.atomic.AtomicInteger();
  }

  /** The request body (compared as bytes, hashed once) and the forwarded headers. */
  private static final class DedupKey {
    private final byte[] body;
    private final Map<String, List<String>> headers;
    private final int hash;

    DedupKey(byte[] body, Map<String, List<String>> headers) {
      this.body = body;
      this.headers = headers;
      this.hash = 31 * Arrays.hashCode(body) + headers.hashCode();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof DedupKey k
          && hash == k.hash
          && Arrays.equals(body, k.body)
          && headers.equals(k.headers);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /**
   * @param client the HTTP client of the subgraph (its pool sized to {@code
   *     policy.maxConcurrent()})
   * @param policy the subgraph's policies
   * @param resilience the gateway's registries
   */
  public ResilientSubgraph(
      SubgraphClient client, SubgraphPolicy policy, SubgraphResilience resilience) {
    this.client = client;
    this.policy = policy;
    this.name = client.name();
    this.resilience = resilience;
    this.bulkhead =
        resilience
            .bulkheads()
            .bulkhead(
                name,
                BulkheadConfig.custom()
                    .maxConcurrentCalls(policy.maxConcurrent())
                    .maxWaitDuration(Duration.ZERO)
                    .build());
    BreakerPolicy b = policy.breaker();
    this.breaker =
        b.enabled()
            ? resilience
                .circuitBreakers()
                .circuitBreaker(
                    name,
                    CircuitBreakerConfig.custom()
                        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                        .slidingWindowSize(b.slidingWindowSize())
                        .minimumNumberOfCalls(b.minimumNumberOfCalls())
                        .failureRateThreshold(b.failureRateThreshold())
                        .slowCallRateThreshold(b.slowCallRateThreshold())
                        .slowCallDurationThreshold(b.slowCallDuration())
                        .waitDurationInOpenState(b.waitDurationInOpenState())
                        .permittedNumberOfCallsInHalfOpenState(b.permittedCallsInHalfOpenState())
                        .clock(resilience.clock())
                        .build())
            : null;
    this.timeLimiter =
        policy.timeout() == null
            ? null
            : resilience
                .timeLimiters()
                .timeLimiter(
                    name,
                    TimeLimiterConfig.custom()
                        .timeoutDuration(policy.timeout())
                        .cancelRunningFuture(true)
                        .build());
    RetryPolicy r = policy.retry();
    this.backoff =
        IntervalFunction.ofExponentialRandomBackoff(
            r.initialBackoff(), r.multiplier(), RetryPolicy.JITTER, r.maxBackoff());
    this.retry =
        resilience
            .retries()
            .retry(
                name,
                RetryConfig.custom()
                    .maxAttempts(r.attempts())
                    .retryOnException(e -> e instanceof SubgraphCallException s && s.retryable())
                    .intervalBiFunction(
                        (attempt, outcome) ->
                            outcome.isLeft() && outcome.getLeft() instanceof SubgraphCallException s
                                ? s.backoffMillis()
                                : r.initialBackoff().toMillis())
                    .failAfterMaxAttempts(false)
                    .build());
    this.deduplicated =
        Counter.builder("junction.subgraph.deduplicated")
            .description("Subgraph fetches answered by an identical call already in flight")
            .tag("subgraph", name)
            .register(resilience.meters());
  }

  /** The subgraph name. */
  public String name() {
    return name;
  }

  /** The routing URL. */
  public String url() {
    return client.url();
  }

  /** The policies in effect. */
  public SubgraphPolicy policy() {
    return policy;
  }

  @Override
  public Mono<Result> fetch(
      String operation,
      Map<String, Object> variables,
      Map<String, List<String>> headers,
      boolean mutation,
      long deadlineNanos) {
    long remaining = deadlineNanos - System.nanoTime();
    if (remaining <= 0) {
      return Mono.just(deadlineExceeded());
    }
    byte[] body;
    try {
      body = SubgraphClient.encode(operation, variables);
    } catch (IOException e) {
      return Mono.just(Result.failed(GraphQLErrors.INTERNAL, "could not encode request"));
    }
    long start = System.nanoTime();
    Mono<Result> call;
    if (policy.dedup() && !mutation) {
      DedupKey key = new DedupKey(body, Map.copyOf(headers));
      InFlight[] created = new InFlight[1];
      InFlight flight =
          inFlight.computeIfAbsent(
              key,
              k -> {
                InFlight f = new InFlight();
                // share(): one subscription for every waiter, not cancelled when one gives up
                f.result =
                    calls(body, headers, false, deadlineNanos)
                        // leave the table when the answer arrives, before anyone sees it: a
                        // request that starts after a call answered never shares that answer
                        .doOnEach(signal -> inFlight.remove(k, f))
                        .doFinally(signal -> inFlight.remove(k, f))
                        .share();
                created[0] = f;
                return f;
              });
      if (created[0] == flight) {
        // The caller that started the call merges the body it got unless others joined: then
        // everyone, itself included, works on a copy (merging mutates what it is given).
        call = flight.result.map(r -> flight.joiners.get() == 0 ? r : r.copy());
      } else {
        flight.joiners.incrementAndGet();
        deduplicated.increment();
        call = flight.result.map(Result::copy);
      }
    } else {
      call = calls(body, headers, mutation, deadlineNanos);
    }
    return Deadline.within(call, remaining, this::deadlineExceeded)
        .doOnNext(result -> record("junction.subgraph.fetches", start, result));
  }

  /** Every attempt of one fetch. */
  private Mono<Result> calls(
      byte[] body, Map<String, List<String>> headers, boolean mutation, long deadlineNanos) {
    AtomicInteger attempts = new AtomicInteger();
    Mono<Result> attempt =
        Mono.defer(
            () -> {
              int n = attempts.incrementAndGet();
              long start = System.nanoTime();
              Mono<Result> one =
                  client
                      .send(body, headers, !mutation)
                      .flatMap(
                          r ->
                              r.failed()
                                  ? Mono.error(failure(r, n, mutation, deadlineNanos))
                                  : Mono.just(r));
              if (timeLimiter != null) {
                one = one.transformDeferred(TimeLimiterOperator.of(timeLimiter));
              }
              if (breaker != null) {
                one = one.transformDeferred(CircuitBreakerOperator.of(breaker));
              }
              return one.transformDeferred(BulkheadOperator.of(bulkhead))
                  .doOnNext(r -> record("junction.subgraph.calls", start, r))
                  .doOnError(e -> record("junction.subgraph.calls", start, toResult(e)));
            });
    if (!mutation) {
      attempt = attempt.transformDeferred(RetryOperator.of(retry));
    }
    return attempt.onErrorResume(e -> Mono.just(toResult(e)));
  }

  /** The error for a failed attempt, with the pause before the next one if there is one. */
  private SubgraphCallException failure(
      Result result, int attempt, boolean mutation, long deadlineNanos) {
    RetryPolicy r = policy.retry();
    if (mutation || !result.retryable()) {
      return new SubgraphCallException(result, null);
    }
    // attempts left or not, Resilience4j counts them; the pause only matters when one is left
    Duration pause = Duration.ofMillis(Math.min(backoff.apply(attempt), r.maxBackoff().toMillis()));
    Duration retryAfter = result.retryAfter();
    if (retryAfter != null) {
      if (retryAfter.compareTo(r.maxBackoff()) > 0) {
        return new SubgraphCallException(result, null); // the subgraph asks for more than we wait
      }
      if (retryAfter.compareTo(pause) > 0) {
        pause = retryAfter;
      }
    }
    if (System.nanoTime() + pause.toNanos() >= deadlineNanos) {
      return new SubgraphCallException(result, null); // no time left for another attempt
    }
    return new SubgraphCallException(result, pause);
  }

  private Result toResult(Throwable e) {
    if (e instanceof SubgraphCallException s) {
      return s.result();
    }
    if (e instanceof TimeoutException) {
      return Result.failed(
          GraphQLErrors.SUBGRAPH_TIMEOUT,
          "Subgraph '" + name + "' did not answer within " + millis(policy.timeout()));
    }
    if (e instanceof BulkheadFullException) {
      return Result.failed(
          GraphQLErrors.SUBGRAPH_BULKHEAD_FULL,
          "Subgraph '"
              + name
              + "' already has "
              + policy.maxConcurrent()
              + " calls in flight; this one was refused");
    }
    if (e instanceof CallNotPermittedException) {
      return Result.failed(
          GraphQLErrors.CIRCUIT_OPEN,
          "Subgraph '" + name + "' is failing; its circuit breaker is open");
    }
    return Result.failed(
        GraphQLErrors.SUBGRAPH_UNAVAILABLE,
        "HTTP fetch failed from '" + name + "'"); // the cause stays out of responses
  }

  private Result deadlineExceeded() {
    return Result.failed(
        GraphQLErrors.SUBGRAPH_TIMEOUT,
        "Subgraph '" + name + "' did not answer before the request deadline");
  }

  private static String millis(Duration d) {
    return d == null ? "the time-out" : d.toMillis() + " ms";
  }

  /** Timers by outcome, one map per meter: looked up on every call, so the key is not built. */
  private final Map<String, Map<String, Timer>> timers = new ConcurrentHashMap<>();

  private void record(String meter, long startNanos, Result result) {
    String outcome = result.failed() ? result.failureCode() : "success";
    timers
        .computeIfAbsent(meter, m -> new ConcurrentHashMap<>())
        .computeIfAbsent(
            outcome,
            o ->
                Timer.builder(meter)
                    .description(
                        meter.endsWith("calls")
                            ? "Subgraph call attempts (refused ones included), by outcome"
                            : "Subgraph fetches, retries included, by outcome")
                    .tag("subgraph", name)
                    .tag("outcome", o)
                    .register(resilience.meters()))
        .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void close() {
    client.close();
  }
}
