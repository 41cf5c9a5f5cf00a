package dev.junction.orders.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.orders.order.Order;
import dev.junction.orders.order.OrderRepository;
import dev.junction.orders.order.OrderStatus;
import dev.junction.subgraph.common.testing.EmbeddedPostgresSupport;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.connection.init.ResourceDatabasePopulator;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Random failures (permanent and transient, in forward steps and compensations, slow answers) and
 * random crashes at durable boundaries; whatever happens, after recovery by fresh orchestrators
 * every saga is terminal and the invariants hold.
 */
class SagaPropertyTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final List<String> OPERATIONS =
      List.of(
          "checkCustomer",
          "prices",
          "reserveStock",
          "chargePayment",
          "creditPoints",
          "createShipment",
          "releaseStock",
          "refundPayment",
          "revokePoints",
          "cancelShipment");

  private static SagaLog sagaLog;
  private static OrderRepository orders;
  private static DatabaseClient db;
  private static TransactionalOperator tx;
  private static final SagaProperties PROPS =
      new SagaProperties(
          null,
          Duration.ofMillis(150),
          3,
          Duration.ofMillis(1),
          Duration.ofSeconds(10),
          Duration.ZERO);

  @BeforeContainer
  static void database() {
    // Real PostgreSQL (embedded): the database the saga log is meant for.
    ConnectionFactory cf =
        ConnectionFactories.get(
            EmbeddedPostgresSupport.r2dbcUrl("orders_property")
                    .replace("r2dbc:postgresql://", "r2dbc:pool:postgresql://postgres@")
                + "?options=synchronous_commit=off");
    new ResourceDatabasePopulator(new ClassPathResource("schema.sql")).populate(cf).block(WAIT);
    db = DatabaseClient.create(cf);
    tx = TransactionalOperator.create(new R2dbcTransactionManager(cf));
    orders = new OrderRepository(db, tx);
    sagaLog = new SagaLog(db, tx);
  }

  /** A failure injected into one operation. */
  record Fault(String operation, boolean permanent, int times) {}

  /** A crash injected at one boundary of one step. */
  record Crash(CrashPoint point, SagaStepName step) {}

  /** One random scenario. */
  record Scenario(
      boolean declinedCard,
      boolean undeliverable,
      int quantity,
      boolean slowCharge,
      List<Fault> faults,
      List<Crash> crashes) {}

  @Provide
  Arbitrary<Scenario> scenarios() {
    Arbitrary<Fault> fault =
        Combinators.combine(
                Arbitraries.of(OPERATIONS),
                Arbitraries.of(true, false, false),
                Arbitraries.integers().between(1, 4))
            .as(Fault::new);
    Arbitrary<Crash> crash =
        Combinators.combine(Arbitraries.of(CrashPoint.class), Arbitraries.of(SagaStepName.class))
            .as(Crash::new);
    return Combinators.combine(
            Arbitraries.of(true, false, false, false),
            Arbitraries.of(true, false, false, false),
            Arbitraries.of(1, 1, 1, 2),
            Arbitraries.of(true, false, false, false, false),
            fault.list().ofMaxSize(3),
            crash.list().ofMaxSize(3))
        .as(Scenario::new);
  }

  @Property(tries = 200)
  void everySagaEndsTerminalWithTheInvariants(@ForAll("scenarios") Scenario scenario) {
    FakeSubgraphs fake = new FakeSubgraphs();
    // p-3 has one unit: a quantity of 2 fails for good at the reservation.
    PlaceOrderCommand cmd =
        new PlaceOrderCommand(
            "c-1",
            List.of(
                new Saga.RequestedLine("p-1", 1),
                new Saga.RequestedLine("p-3", scenario.quantity())),
            scenario.undeliverable() ? FakeSubgraphs.UNDELIVERABLE : "Damrak 1",
            scenario.declinedCard() ? FakeSubgraphs.DECLINED_CARD : "visa");
    for (Fault f : scenario.faults()) {
      // A compensation never fails for good here: its permanent failure is recorded as
      // COMPENSATION_FAILED for an operator, which by design leaves the invariants broken.
      boolean compensation = OPERATIONS.indexOf(f.operation()) >= 6;
      fake.fail(
          f.operation(),
          f.permanent() && !compensation
              ? RemoteCallException.permanent("BROKEN", "injected")
              : RemoteCallException.transientFailure("UPSTREAM_503", "injected"),
          f.times());
    }
    if (scenario.slowCharge()) {
      fake.slow("chargePayment", Duration.ofMillis(400), 1);
    }
    MutableClock clock = new MutableClock();
    List<Crash> crashes = new ArrayList<>(scenario.crashes());
    String key = UUID.randomUUID().toString();

    SagaOrchestrator first = orchestrator(fake, clock, crashes);
    String id = service(first).place(cmd, key).block(WAIT);
    for (int round = 0; round < 12 && !sagaLog.load(id).block(WAIT).status().terminal(); round++) {
      clock.advance(PROPS.lease().plusSeconds(1));
      orchestrator(fake, clock, crashes).recoverExpired(10).block(WAIT);
    }

    Saga saga = sagaLog.load(id).block(WAIT);
    assertThat(saga.status().terminal()).as("terminal: %s", saga).isTrue();
    Order order = orders.findByIds(List.of(id)).next().block(WAIT);
    if (scenario.declinedCard() || scenario.undeliverable() || scenario.quantity() > 1) {
      assertThat(order.status()).isEqualTo(OrderStatus.REJECTED);
    }
    if (scenario.faults().isEmpty() && order.status() == OrderStatus.REJECTED) {
      assertThat(scenario.declinedCard() || scenario.undeliverable() || scenario.quantity() > 1)
          .isTrue();
    }
    SagaInvariants.check(
        fake,
        o -> orders.findByIds(List.of(o)).next().block(WAIT),
        o -> sagaLog.load(o).block(WAIT),
        List.of(id));
    assertThat(service(orchestrator(fake, clock, List.of())).place(cmd, key).block(WAIT))
        .isEqualTo(id);
  }

  /** An orchestrator that crashes at the first pending crash point it reaches (once each). */
  private static SagaOrchestrator orchestrator(
      FakeSubgraphs fake, MutableClock clock, List<Crash> crashes) {
    CrashHook hook =
        (point, orderId, step) -> {
          synchronized (crashes) {
            for (int i = 0; i < crashes.size(); i++) {
              if (crashes.get(i).point() == point && crashes.get(i).step() == step) {
                crashes.remove(i);
                throw new SimulatedCrash(point, step);
              }
            }
          }
        };
    return new SagaOrchestrator(sagaLog, orders, fake, PROPS, clock, hook);
  }

  private static PlaceOrderService service(SagaOrchestrator orchestrator) {
    return new PlaceOrderService(db, tx, orders, sagaLog, orchestrator);
  }
}
