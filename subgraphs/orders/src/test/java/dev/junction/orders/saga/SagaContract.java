package dev.junction.orders.saga;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import com.netflix.graphql.dgs.DgsQueryExecutor;
import dev.junction.orders.order.Order;
import dev.junction.orders.order.OrderLine;
import dev.junction.orders.order.OrderRepository;
import dev.junction.orders.order.OrderStatus;
import dev.junction.subgraph.common.error.SubgraphException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * The checkout saga against in-process participants ({@link FakeSubgraphs}) on a real database; one
 * subclass per database. Crash tests abort an orchestrator at a durable boundary and let a fresh
 * one (new lease identity, no memory) resume from the log.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = {
      "junction.seed.enabled=false",
      "junction.saga.call-timeout=300ms",
      "junction.saga.retry-wait=10ms",
      "junction.saga.max-attempts=3",
      "junction.saga.lease=10s",
      "junction.saga.recovery-interval=0"
    })
@Import(SagaContract.Participants.class)
abstract class SagaContract {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TestConfiguration
  static class Participants {
    @Bean
    @Primary
    FakeSubgraphs fakeSubgraphs() {
      return new FakeSubgraphs();
    }
  }

  @Autowired FakeSubgraphs fake;
  @Autowired SagaLog sagaLog;
  @Autowired OrderRepository orders;
  @Autowired DatabaseClient db;
  @Autowired TransactionalOperator tx;
  @Autowired SagaProperties props;
  @Autowired PlaceOrderService placeOrder;
  @Autowired DgsQueryExecutor dgs;

  MutableClock clock = new MutableClock();

  @BeforeEach
  void resetFake() {
    fake.reset();
  }

  SagaOrchestrator orchestrator(CrashHook hook) {
    return new SagaOrchestrator(sagaLog, orders, fake, props, clock, hook);
  }

  PlaceOrderService service(SagaOrchestrator orchestrator) {
    return new PlaceOrderService(db, tx, orders, sagaLog, orchestrator);
  }

  static PlaceOrderCommand command(String customer, String address, String method) {
    return new PlaceOrderCommand(
        customer,
        List.of(new Saga.RequestedLine("p-1", 2), new Saga.RequestedLine("p-2", 1)),
        address,
        method);
  }

  static PlaceOrderCommand command() {
    return command("c-1", "Damrak 1, Amsterdam, NL", "visa");
  }

  String place(PlaceOrderService service, PlaceOrderCommand cmd) {
    return service.place(cmd, UUID.randomUUID().toString()).block(WAIT);
  }

  Order order(String id) {
    return orders.findByIds(List.of(id)).next().block(WAIT);
  }

  Saga saga(String id) {
    return sagaLog.load(id).block(WAIT);
  }

  @Test
  void happyPathConfirmsWithEveryStepOnce() {
    String id = place(placeOrder, command());

    Order order = order(id);
    assertThat(order.status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(order.totalCents()).isEqualTo(2 * 2_499 + 1_250);
    List<OrderLine> lines = orders.findLinesByOrderIds(List.of(id)).collectList().block(WAIT);
    assertThat(lines).extracting(OrderLine::productName).containsExactly("Kettle", "Teapot");
    Saga saga = saga(id);
    assertThat(saga.status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(saga.steps())
        .allSatisfy(
            s -> {
              assertThat(s.status()).isEqualTo(SagaStepStatus.SUCCEEDED);
              assertThat(s.attempts()).isEqualTo(1);
              assertThat(s.startedAt()).isNotNull();
              assertThat(s.finishedAt()).isNotNull();
            });
    assertThat(fake.available).containsEntry("p-1", 98).containsEntry("p-2", 99);
    assertThat(fake.captured).containsEntry(id, 6_248L);
    assertThat(fake.balance).containsEntry("c-1", 62);
    assertThat(fake.shipments).containsEntry(id, "LABEL_CREATED");
    assertInvariants(List.of(id));
  }

  @Test
  void declinedCardReleasesStockAndAwardsNoPoints() {
    String id = place(placeOrder, command("c-1", "Damrak 1", FakeSubgraphs.DECLINED_CARD));

    assertThat(order(id).status()).isEqualTo(OrderStatus.REJECTED);
    Saga saga = saga(id);
    assertThat(saga.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(saga.reason()).contains("CHARGE_PAYMENT").contains("PAYMENT_DECLINED");
    assertThat(saga.step(SagaStepName.CHARGE_PAYMENT).attempts()).isEqualTo(1);
    assertThat(saga.step(SagaStepName.RESERVE_STOCK).status())
        .isEqualTo(SagaStepStatus.COMPENSATED);
    assertThat(saga.step(SagaStepName.AWARD_POINTS).status()).isEqualTo(SagaStepStatus.PENDING);
    assertThat(fake.available).containsEntry("p-1", 100).containsEntry("p-2", 100);
    assertThat(fake.calls("creditPoints")).isZero();
    assertThat(fake.captured).doesNotContainKey(id);
    assertInvariants(List.of(id));
  }

  @Test
  void failedShipmentRefundsRevokesAndReleases() {
    String id = place(placeOrder, command("c-1", FakeSubgraphs.UNDELIVERABLE, "visa"));

    assertThat(order(id).status()).isEqualTo(OrderStatus.REJECTED);
    Saga saga = saga(id);
    assertThat(saga.reason()).contains("CREATE_SHIPMENT");
    assertThat(saga.steps())
        .filteredOn(s -> s.name().compensable() && s.name() != SagaStepName.CREATE_SHIPMENT)
        .allSatisfy(
            s -> {
              assertThat(s.status()).isEqualTo(SagaStepStatus.COMPENSATED);
              assertThat(s.compensatedAt()).isNotNull();
            });
    assertThat(fake.refunded).containsEntry(id, 6_248L);
    assertThat(fake.balance).containsEntry("c-1", 0);
    assertThat(fake.effects("revokePoints")).isEqualTo(1);
    assertThat(fake.available).containsEntry("p-1", 100).containsEntry("p-2", 100);
    assertInvariants(List.of(id));
  }

  @Test
  void providerTimeoutThenSuccessChargesOnce() {
    fake.slow("chargePayment", Duration.ofMillis(1_000), 1);

    String id = place(placeOrder, command());

    assertThat(order(id).status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(saga(id).step(SagaStepName.CHARGE_PAYMENT).attempts()).isEqualTo(2);
    assertThat(fake.calls("chargePayment")).isEqualTo(2);
    assertThat(fake.effects("chargePayment")).isEqualTo(1);
    assertThat(fake.captured).containsEntry(id, 6_248L);
    assertInvariants(List.of(id));
  }

  @Test
  void transientErrorsAreRetriedThenFailForGood() {
    fake.fail("reserveStock", RemoteCallException.transientFailure("UPSTREAM_503", "down"), 3);

    String id = place(placeOrder, command());

    Saga saga = saga(id);
    assertThat(order(id).status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(saga.step(SagaStepName.RESERVE_STOCK).attempts()).isEqualTo(3);
    assertThat(saga.step(SagaStepName.RESERVE_STOCK).failureReason()).contains("UPSTREAM_503");
    assertInvariants(List.of(id));
  }

  @Test
  void insufficientStockAndUnknownCustomerAreRejected() {
    String stock =
        place(
            placeOrder,
            new PlaceOrderCommand(
                "c-1", List.of(new Saga.RequestedLine("p-3", 2)), "Damrak 1", "visa"));
    String customer = place(placeOrder, command("c-404", "Damrak 1", "visa"));

    assertThat(order(stock).status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(saga(stock).reason()).contains("INSUFFICIENT_STOCK");
    assertThat(order(customer).status()).isEqualTo(OrderStatus.REJECTED);
    assertThat(saga(customer).reason()).contains("CHECK_CUSTOMER").contains("NOT_FOUND");
    assertThat(fake.calls("chargePayment")).isZero();
    assertInvariants(List.of(stock, customer));
  }

  @Test
  void sameKeySamePayloadIsOneOrderOtherPayloadIsAnError() {
    String key = UUID.randomUUID().toString();
    String first = placeOrder.place(command(), key).block(WAIT);
    String second = placeOrder.place(command(), key).block(WAIT);

    assertThat(second).isEqualTo(first);
    assertThat(fake.calls("checkCustomer")).isEqualTo(1);
    assertThatThrownBy(() -> placeOrder.place(command("c-2", "Damrak 1", "visa"), key).block(WAIT))
        .isInstanceOfSatisfying(
            SubgraphException.class,
            e -> assertThat(e.code()).isEqualTo(PlaceOrderService.IDEMPOTENCY_KEY_REUSED));
  }

  @Test
  void racingRequestsWithOneKeyCreateOneSaga() {
    String key = UUID.randomUUID().toString();
    List<String> ids =
        Flux.range(0, 8)
            .flatMap(i -> placeOrder.place(command(), key).subscribeOn(Schedulers.parallel()), 8)
            .collectList()
            .block(WAIT);

    assertThat(new HashSet<>(ids)).hasSize(1);
    assertThat(fake.calls("checkCustomer")).isEqualTo(1);
    assertThat(fake.effects("reserveStock")).isEqualTo(1);
    Long sagas =
        db.sql("SELECT COUNT(*) AS n FROM order_request WHERE idempotency_key = :k")
            .bind("k", key)
            .map(r -> r.get("n", Long.class))
            .one()
            .block(WAIT);
    assertThat(sagas).isEqualTo(1);
  }

  @Test
  void crashAtEveryForwardBoundaryIsResumedByAFreshOrchestrator() {
    List<String> ids = new ArrayList<>();
    for (SagaStepName step : SagaStepName.values()) {
      for (CrashPoint point :
          List.of(CrashPoint.BEFORE_CALL, CrashPoint.AFTER_EFFECT, CrashPoint.AFTER_LOG)) {
        ids.add(crashThenRecover(command(), point, step, OrderStatus.CONFIRMED));
      }
    }
    assertThat(fake.effects("chargePayment")).isEqualTo(ids.size());
    assertInvariants(ids);
  }

  @Test
  void crashAtEveryCompensationBoundaryIsResumedByAFreshOrchestrator() {
    List<String> ids = new ArrayList<>();
    PlaceOrderCommand failing = command("c-1", FakeSubgraphs.UNDELIVERABLE, "visa");
    for (SagaStepName step :
        List.of(
            SagaStepName.CREATE_SHIPMENT,
            SagaStepName.AWARD_POINTS,
            SagaStepName.CHARGE_PAYMENT,
            SagaStepName.RESERVE_STOCK)) {
      for (CrashPoint point :
          List.of(
              CrashPoint.BEFORE_COMPENSATION,
              CrashPoint.AFTER_COMPENSATION_EFFECT,
              CrashPoint.AFTER_COMPENSATION_LOG)) {
        ids.add(crashThenRecover(failing, point, step, OrderStatus.REJECTED));
      }
    }
    assertThat(fake.effects("refundPayment")).isEqualTo(ids.size());
    assertThat(fake.effects("releaseStock")).isEqualTo(ids.size());
    assertInvariants(ids);
  }

  private String crashThenRecover(
      PlaceOrderCommand cmd, CrashPoint point, SagaStepName step, OrderStatus expected) {
    SagaOrchestrator doomed = orchestrator(SimulatedCrash.once(point, step));
    String key = UUID.randomUUID().toString();
    String id = service(doomed).place(cmd, key).block(WAIT);
    assertThat(saga(id).status().terminal()).as("%s %s interrupted", point, step).isFalse();

    SagaOrchestrator fresh = orchestrator(CrashHook.NONE);
    assertThat(fresh.recoverExpired(100).block(WAIT)).as("claimed before expiry").isZero();
    clock.advance(props.lease().plusSeconds(1));
    assertThat(fresh.recoverExpired(100).block(WAIT)).isEqualTo(1);

    assertThat(order(id).status()).as("%s %s", point, step).isEqualTo(expected);
    assertThat(saga(id).status().terminal()).isTrue();
    assertThat(service(fresh).place(cmd, key).block(WAIT)).isEqualTo(id);
    return id;
  }

  @Test
  void transientlyFailingCompensationIsFinishedByRecovery() {
    fake.fail("releaseStock", RemoteCallException.transientFailure("UPSTREAM_502", "down"), 3);
    SagaOrchestrator first = orchestrator(CrashHook.NONE);

    String id = place(service(first), command("c-1", FakeSubgraphs.UNDELIVERABLE, "visa"));

    assertThat(saga(id).status()).isEqualTo(SagaStatus.COMPENSATING);
    assertThat(order(id).status()).isEqualTo(OrderStatus.PENDING);
    clock.advance(Duration.ofSeconds(1));
    assertThat(orchestrator(CrashHook.NONE).recoverExpired(100).block(WAIT)).isEqualTo(1);
    assertThat(order(id).status()).isEqualTo(OrderStatus.REJECTED);
    assertInvariants(List.of(id));
  }

  @Test
  void concurrentInstancesClaimEachExpiredSagaOnce() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      SagaOrchestrator doomed =
          orchestrator(SimulatedCrash.once(CrashPoint.AFTER_EFFECT, SagaStepName.CHARGE_PAYMENT));
      ids.add(place(service(doomed), command()));
    }
    clock.advance(props.lease().plusSeconds(1));
    List<SagaOrchestrator> instances =
        List.of(
            orchestrator(CrashHook.NONE),
            orchestrator(CrashHook.NONE),
            orchestrator(CrashHook.NONE));

    List<Long> claimed =
        Flux.fromIterable(instances)
            .flatMap(o -> o.recoverExpired(100).subscribeOn(Schedulers.parallel()), 3)
            .collectList()
            .block(WAIT);

    assertThat(claimed.stream().mapToLong(Long::longValue).sum()).isEqualTo(ids.size());
    for (String id : ids) {
      assertThat(order(id).status()).isEqualTo(OrderStatus.CONFIRMED);
    }
    assertThat(fake.effects("chargePayment")).isEqualTo(ids.size());
    assertInvariants(ids);
  }

  @Test
  void cancelCompensatesAConfirmedOrderButNotAShippedOne() {
    String id = place(placeOrder, command());
    SagaOrchestrator orchestrator = orchestrator(CrashHook.NONE);

    Saga cancelled = orchestrator.cancel(id).block(WAIT);

    assertThat(cancelled.status()).isEqualTo(SagaStatus.COMPENSATED);
    assertThat(order(id).status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(fake.shipments).containsEntry(id, "CANCELLED");
    assertThat(fake.refunded).containsEntry(id, 6_248L);
    assertInvariants(List.of(id));

    String shipped = place(placeOrder, command());
    synchronized (fake) {
      fake.shipments.put(shipped, "IN_TRANSIT");
    }
    assertThatThrownBy(() -> orchestrator.cancel(shipped).block(WAIT))
        .isInstanceOfSatisfying(
            SubgraphException.class, e -> assertThat(e.code()).isEqualTo("CONFLICT"));
    assertThat(order(shipped).status()).isEqualTo(OrderStatus.CONFIRMED);
    assertThat(saga(shipped).status()).isEqualTo(SagaStatus.COMPLETED);
    assertThat(fake.refunded).doesNotContainKey(shipped);
  }

  private static final String PLACE =
      "mutation($input: PlaceOrderInput!, $key: String!) {"
          + " placeOrder(input: $input, idempotencyKey: $key) { id status total { amount }"
          + " lines { product { id name } quantity }"
          + " saga { status reason steps { name status attempts startedAt finishedAt"
          + " compensatedAt failureReason } } } }";

  DocumentContext gql(String query, Map<String, Object> variables) {
    return JsonPath.parse(dgs.execute(query, variables).toSpecification());
  }

  static Map<String, Object> input(String customer, int quantity, String method) {
    return Map.of(
        "customerId",
        customer,
        "lines",
        List.of(Map.of("productId", "p-1", "quantity", quantity)),
        "shippingAddress",
        "Damrak 1, Amsterdam",
        "paymentMethod",
        method);
  }

  @Test
  void placeOrderOverGraphQlShowsTheSaga() {
    String key = UUID.randomUUID().toString();
    DocumentContext json = gql(PLACE, Map.of("input", input("c-1", 2, "visa"), "key", key));

    assertThat(json.<Map<String, Object>>read("$")).doesNotContainKey("errors");
    assertThat(json.<String>read("$.data.placeOrder.status")).isEqualTo("CONFIRMED");
    assertThat(json.<String>read("$.data.placeOrder.lines[0].product.name")).isEqualTo("Kettle");
    assertThat(json.<String>read("$.data.placeOrder.saga.status")).isEqualTo("COMPLETED");
    assertThat(json.<List<String>>read("$.data.placeOrder.saga.steps[*].name"))
        .containsExactly(
            "CHECK_CUSTOMER",
            "PRICE_ORDER",
            "RESERVE_STOCK",
            "CHARGE_PAYMENT",
            "AWARD_POINTS",
            "CREATE_SHIPMENT");
    assertThat(json.<List<Integer>>read("$.data.placeOrder.saga.steps[*].attempts"))
        .containsOnly(1);

    DocumentContext again = gql(PLACE, Map.of("input", input("c-1", 2, "visa"), "key", key));
    assertThat(again.<String>read("$.data.placeOrder.id"))
        .isEqualTo(json.<String>read("$.data.placeOrder.id"));
    DocumentContext reused = gql(PLACE, Map.of("input", input("c-1", 3, "visa"), "key", key));
    assertThat(reused.<String>read("$.errors[0].extensions.code"))
        .isEqualTo(PlaceOrderService.IDEMPOTENCY_KEY_REUSED);
    assertThat(reused.<List<String>>read("$.errors[0].path")).containsExactly("placeOrder");
  }

  @Test
  void rejectedOrderOverGraphQlHasTheReason() {
    DocumentContext json =
        gql(
            PLACE,
            Map.of(
                "input",
                input("c-1", 1, FakeSubgraphs.DECLINED_CARD),
                "key",
                UUID.randomUUID().toString()));

    assertThat(json.<String>read("$.data.placeOrder.status")).isEqualTo("REJECTED");
    assertThat(json.<String>read("$.data.placeOrder.saga.reason")).contains("PAYMENT_DECLINED");
    assertThat(json.<String>read("$.data.placeOrder.saga.steps[3].failureReason"))
        .contains("PAYMENT_DECLINED");
    assertThat(json.<String>read("$.data.placeOrder.saga.steps[2].compensatedAt")).isNotNull();
  }

  @Test
  void badPlaceOrderInputIsBadUserInputWithPath() {
    for (Map<String, Object> bad :
        List.of(
            input(" ", 1, "visa"),
            input("c-1", 0, "visa"),
            input("c-1", 1, ""),
            Map.<String, Object>of(
                "customerId", "c-1",
                "lines", List.of(),
                "shippingAddress", "x",
                "paymentMethod", "visa"))) {
      DocumentContext json = gql(PLACE, Map.of("input", bad, "key", UUID.randomUUID().toString()));
      assertThat(json.<String>read("$.errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
      assertThat(json.<List<String>>read("$.errors[0].path")).containsExactly("placeOrder");
    }
    DocumentContext noKey = gql(PLACE, Map.of("input", input("c-1", 1, "visa"), "key", ""));
    assertThat(noKey.<String>read("$.errors[0].extensions.code")).isEqualTo("BAD_USER_INPUT");
    assertThat(fake.calls("checkCustomer")).isZero();
  }

  @Test
  void cancelOrderErrorsOverGraphQl() {
    String cancel = "mutation($id: ID!) { cancelOrder(id: $id) { id status } }";
    DocumentContext unknown = gql(cancel, Map.of("id", "ord-nope"));
    assertThat(unknown.<String>read("$.errors[0].extensions.code")).isEqualTo("NOT_FOUND");
    assertThat(unknown.<List<String>>read("$.errors[0].path")).containsExactly("cancelOrder");

    String rejected = place(placeOrder, command("c-1", "x", FakeSubgraphs.DECLINED_CARD));
    DocumentContext conflict = gql(cancel, Map.of("id", rejected));
    assertThat(conflict.<String>read("$.errors[0].extensions.code")).isEqualTo("CONFLICT");

    String confirmed = place(placeOrder, command());
    DocumentContext ok = gql(cancel, Map.of("id", confirmed));
    assertThat(ok.<String>read("$.data.cancelOrder.status")).isEqualTo("CANCELLED");
  }

  void assertInvariants(List<String> ids) {
    SagaInvariants.check(fake, this::order, this::saga, ids);
  }
}
