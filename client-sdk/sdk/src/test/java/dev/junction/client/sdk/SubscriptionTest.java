package dev.junction.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.client.GraphQLClient;
import dev.junction.client.GraphQLResult;
import dev.junction.client.SubscriptionBufferOverflowException;
import dev.junction.client.SubscriptionErrorException;
import dev.junction.client.SubscriptionSettings;
import dev.junction.client.transport.JdkWebSocketTransport;
import dev.junction.client.transport.OkHttpWebSocketTransport;
import dev.junction.client.transport.WebSocketTransport;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated subscriptions over graphql-transport-ws against a real socket ({@link WsServerStub}).
 */
class SubscriptionTest {
  private WsServerStub stub;
  private final AtomicInteger tokens = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    stub = new WsServerStub();
  }

  @AfterEach
  void stop() throws Exception {
    stub.close();
  }

  static Stream<String> adapters() {
    return Stream.of("jdk", "okhttp");
  }

  private GraphQLClient client(String adapter, int maxAttempts, int buffer) {
    return client(adapter, maxAttempts, buffer, Duration.ofSeconds(15));
  }

  private GraphQLClient client(String adapter, int maxAttempts, int buffer, Duration keepAlive) {
    WebSocketTransport ws =
        adapter.equals("jdk")
            ? new JdkWebSocketTransport(Duration.ofSeconds(2))
            : new OkHttpWebSocketTransport(Duration.ofSeconds(2));
    return GraphQLClient.builder(URI.create("http://127.0.0.1:1/graphql"))
        .subscriptionEndpoint(stub.uri())
        .webSocketTransport(ws)
        .authTokenProvider(() -> "t-" + tokens.incrementAndGet())
        .subscriptionSettings(
            new SubscriptionSettings(
                Duration.ofMillis(20),
                Duration.ofMillis(80),
                maxAttempts,
                buffer,
                Duration.ofSeconds(2),
                keepAlive))
        .build();
  }

  private static StockChangedSubscription stock() {
    return StockChangedSubscription.builder().productId("p-1").build();
  }

  /** Records signals; requests {@code initial} at subscription. */
  static final class Recorder<T> implements Flow.Subscriber<T> {
    final List<T> items = new CopyOnWriteArrayList<>();
    final CountDownLatch done = new CountDownLatch(1);
    volatile Throwable error;
    volatile boolean completed;
    volatile Flow.Subscription subscription;
    private final long initial;

    Recorder(long initial) {
      this.initial = initial;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(initial);
    }

    @Override
    public void onNext(T item) {
      items.add(item);
    }

    @Override
    public void onError(Throwable t) {
      error = t;
      done.countDown();
    }

    @Override
    public void onComplete() {
      completed = true;
      done.countDown();
    }

    boolean await() throws InterruptedException {
      return done.await(5, TimeUnit.SECONDS);
    }
  }

  private static List<Integer> available(List<GraphQLResult<StockChangedSubscription.Data>> items) {
    return items.stream().map(r -> r.data().stockChanged().stock().available()).toList();
  }

  private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
  }

  @ParameterizedTest
  @MethodSource("adapters")
  void eventsArriveInOrderThenTheStreamCompletes(String adapter) throws Exception {
    stub.pingFirst = true;
    Recorder<GraphQLResult<StockChangedSubscription.Data>> r = new Recorder<>(Long.MAX_VALUE);
    GraphQLClient client = client(adapter, 3, 16);
    client.subscribe(stock()).subscribe(r);

    assertThat(r.await()).isTrue();
    assertThat(r.error).isNull();
    assertThat(r.completed).isTrue();
    assertThat(available(r.items)).containsExactly(0, 1, 2);
    assertThat(r.items.get(0).data().stockChanged().name()).isEqualTo("Desk lamp");
    assertThat(stub.inits).hasSize(1);
    assertThat(stub.inits.get(0).path("Authorization").asText()).isEqualTo("Bearer t-1");
    assertThat(stub.pongs).hasSize(1);
    assertThat(stub.subscribes.get(0).path("payload").path("query").asText())
        .isEqualTo(StockChangedSubscription.DOCUMENT);
    assertThat(stub.subscribes.get(0).path("payload").path("variables").path("productId").asText())
        .isEqualTo("p-1");
    waitUntil(() -> stub.open.get() == 0);
    assertThat(stub.open.get()).as("socket closed after the last subscription").isZero();
  }

  @Test
  void anErrorMessageEndsTheStreamWithTheServersErrors() throws Exception {
    stub.refuseSubscribe = true;
    Recorder<GraphQLResult<StockChangedSubscription.Data>> r = new Recorder<>(10);
    client("jdk", 3, 16).subscribe(stock()).subscribe(r);

    assertThat(r.await()).isTrue();
    assertThat(r.items).isEmpty();
    assertThat(r.error).isInstanceOf(SubscriptionErrorException.class);
    SubscriptionErrorException e = (SubscriptionErrorException) r.error;
    assertThat(e.errors()).hasSize(1);
    assertThat(e.errors().get(0).code()).isEqualTo("NOT_FOUND");
    assertThat(e.errors().get(0).message()).isEqualTo("Unknown product");
  }

  @ParameterizedTest
  @MethodSource("adapters")
  void aLostSocketIsReconnectedAndTheSubscriptionSentAgain(String adapter) throws Exception {
    stub.dropConnections = 1;
    stub.dropAfter = 2;
    stub.events = 3;
    Recorder<GraphQLResult<StockChangedSubscription.Data>> r = new Recorder<>(Long.MAX_VALUE);
    // the keep-alive also covers a cut the JDK's WebSocket now and then fails to report
    client(adapter, 3, 16, Duration.ofMillis(300)).subscribe(stock()).subscribe(r);

    assertThat(r.await())
        .as(
            () ->
                "ended; events "
                    + available(r.items)
                    + ", upgrades "
                    + stub.upgrades
                    + ", subscribes "
                    + stub.subscribes.size()
                    + ", open "
                    + stub.open)
        .isTrue();
    assertThat(r.error).isNull();
    assertThat(available(r.items)).as("2 before the drop, 3 after").containsExactly(0, 1, 0, 1, 2);
    assertThat(stub.accepted.get()).isEqualTo(2);
    assertThat(stub.subscribes).hasSize(2);
    assertThat(stub.inits)
        .extracting(n -> n.path("Authorization").asText())
        .as("a fresh token for the new socket")
        .containsExactly("Bearer t-1", "Bearer t-2");
  }

  @ParameterizedTest
  @MethodSource("adapters")
  void aSilentServerIsTakenForLostAfterTwoKeepAlivesAndTheClientReconnects(String adapter)
      throws Exception {
    stub.silentConnections = 1;
    stub.dropAfter = 2;
    stub.events = 3;
    Recorder<GraphQLResult<StockChangedSubscription.Data>> r = new Recorder<>(Long.MAX_VALUE);
    long start = System.nanoTime();
    client(adapter, 3, 16, Duration.ofMillis(200)).subscribe(stock()).subscribe(r);

    assertThat(r.await()).as("ended; events " + available(r.items)).isTrue();
    assertThat(r.error).isNull();
    assertThat(available(r.items)).containsExactly(0, 1, 0, 1, 2);
    assertThat(stub.upgrades.get()).isEqualTo(2);
    assertThat(stub.pings.get()).as("pinged the silent server before giving it up").isPositive();
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("two keep-alive periods of silence first")
        .isGreaterThan(Duration.ofMillis(400));
  }

  @Test
  void givesUpAfterMaxAttemptsWithATerminalError() throws Exception {
    stub.refuseUpgrade = true;
    Recorder<GraphQLResult<StockChangedSubscription.Data>> r = new Recorder<>(10);
    long start = System.nanoTime();
    client("jdk", 3, 16).subscribe(stock()).subscribe(r);

    assertThat(r.await()).isTrue();
    assertThat(r.error).hasMessageContaining("gave up after 3");
    assertThat(stub.upgrades.get()).as("the first connect and 3 more").isEqualTo(4);
    // back-off 20, 40, 80 ms
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(140));
  }

  @ParameterizedTest
  @MethodSource("adapters")
  void cancellingSendsCompleteAndClosesTheIdleSocket(String adapter) throws Exception {
    stub.hang = true;
    stub.events = 1;
    Recorder<GraphQLResult<StockChangedSubscription.Data>> r = new Recorder<>(Long.MAX_VALUE);
    GraphQLClient client = client(adapter, 3, 16);
    client.subscribe(stock()).subscribe(r);
    waitUntil(() -> r.items.size() == 1);
    assertThat(r.items).hasSize(1);
    assertThat(client.activeSubscriptions()).isEqualTo(1);

    r.subscription.cancel();

    waitUntil(() -> !stub.completes.isEmpty() && stub.open.get() == 0);
    assertThat(stub.completes).containsExactly(stub.subscribes.get(0).path("id").asText());
    assertThat(stub.open.get()).isZero();
    assertThat(stub.clientCloseFrames.get()).isEqualTo(1);
    assertThat(client.activeSubscriptions()).isZero();
    assertThat(r.done.getCount()).as("no signal after cancel").isEqualTo(1);
  }

  @Test
  void demandIsRespectedAndTheBufferIsBounded() throws Exception {
    stub.events = 6;
    stub.intervalMillis = 5;
    stub.hang = true;
    Recorder<GraphQLResult<StockChangedSubscription.Data>> r = new Recorder<>(1);
    client("jdk", 3, 8).subscribe(stock()).subscribe(r);
    waitUntil(() -> stub.sent.get() == 6);
    Thread.sleep(100);
    assertThat(available(r.items)).as("one requested, one delivered").containsExactly(0);
    r.subscription.request(2);
    assertThat(available(r.items)).containsExactly(0, 1, 2);

    // a second subscriber with a buffer of 2 that requests one: the 4th event overflows
    stub.events = 6;
    Recorder<GraphQLResult<StockChangedSubscription.Data>> slow = new Recorder<>(1);
    client("jdk", 3, 2).subscribe(stock()).subscribe(slow);
    assertThat(slow.await()).isTrue();
    assertThat(slow.error).isInstanceOf(SubscriptionBufferOverflowException.class);
    assertThat(available(slow.items)).containsExactly(0);
    waitUntil(() -> stub.completes.size() == 1);
    assertThat(stub.completes).as("the overflowing operation is stopped on the server").hasSize(1);
  }

  @Test
  void theCallbackFormDeliversEverything() throws Exception {
    List<Integer> seen = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    try (AutoCloseable handle =
        client("okhttp", 3, 16)
            .subscribe(
                stock(),
                r -> seen.add(r.data().stockChanged().stock().available()),
                e -> done.countDown(),
                done::countDown)) {
      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(handle).isNotNull();
    }
    assertThat(seen).containsExactly(0, 1, 2);
  }
}
