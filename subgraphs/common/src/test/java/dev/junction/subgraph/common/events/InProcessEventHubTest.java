package dev.junction.subgraph.common.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import reactor.core.Exceptions;
import reactor.test.StepVerifier;

class InProcessEventHubTest {
  private static final Duration WAIT = Duration.ofSeconds(5);

  private final InProcessEventHub<String> hub = new InProcessEventHub<>(4);

  @Test
  void aSubscriberGetsTheEventsOfItsKeyPublishedAfterItSubscribed() {
    hub.publish("a", "before");
    StepVerifier.create(hub.subscribe("a"))
        .then(
            () -> {
              hub.publish("a", "a1");
              hub.publish("b", "b1");
              hub.publish("a", "a2");
            })
        .expectNext("a1", "a2")
        .thenCancel()
        .verify(WAIT);
  }

  @Test
  void everySubscriberOfAKeyGetsEveryEvent() {
    StepVerifier.create(hub.subscribe("a").take(2))
        .then(
            () ->
                StepVerifier.create(hub.subscribe("a").take(2))
                    .then(
                        () -> {
                          hub.publish("a", "1");
                          hub.publish("a", "2");
                        })
                    .expectNext("1", "2")
                    .expectComplete()
                    .verify(WAIT))
        .expectNext("1", "2")
        .expectComplete()
        .verify(WAIT);
  }

  @Test
  void aKeyIsForgottenWithItsLastSubscriberAndNothingIsKeptForUnwatchedKeys() {
    assertThat(hub.activeKeys()).isZero();
    for (int i = 0; i < 1_000; i++) {
      hub.publish("order-" + i, "event");
    }
    assertThat(hub.activeKeys()).isZero();
    var first = hub.subscribe("a").subscribe();
    var second = hub.subscribe("a").subscribe();
    var other = hub.subscribe("b").subscribe();
    assertThat(hub.activeKeys()).isEqualTo(2);
    first.dispose();
    assertThat(hub.activeKeys()).isEqualTo(2);
    second.dispose();
    other.dispose();
    assertThat(hub.activeKeys()).isZero();
    // a key subscribed again after it was forgotten works as new
    StepVerifier.create(hub.subscribe("a"))
        .then(() -> hub.publish("a", "again"))
        .expectNext("again")
        .thenCancel()
        .verify(WAIT);
    assertThat(hub.activeKeys()).isZero();
  }

  @Test
  void aSubscriberThatFallsTooFarBehindIsCutOffAtOnceAndFailsAfterItsBuffer() {
    StepVerifier.create(hub.subscribe("a"), 0)
        .then(
            () -> {
              for (int i = 0; i < 5; i++) {
                hub.publish("a", "e" + i);
              }
              // cut off on the fifth event, before it has read any
              assertThat(hub.activeKeys()).isZero();
            })
        .thenRequest(10)
        .expectNext("e0", "e1", "e2", "e3")
        .expectErrorMatches(Exceptions::isOverflow)
        .verify(WAIT);
    assertThat(hub.activeKeys()).isZero();
    StepVerifier.create(hub.subscribe("a"))
        .then(() -> hub.publish("a", "next"))
        .expectNext("next")
        .thenCancel()
        .verify(WAIT);
  }

  @Test
  void aSlowSubscriberDoesNotHoldUpAFastOne() {
    var slow = hub.subscribe("a").subscribe(v -> {}, e -> {}, () -> {}, s -> s.request(0));
    StepVerifier.create(hub.subscribe("a").take(10))
        .then(
            () -> {
              for (int i = 0; i < 10; i++) {
                hub.publish("a", "e" + i);
              }
            })
        .expectNextCount(10)
        .expectComplete()
        .verify(WAIT);
    slow.dispose();
    assertThat(hub.activeKeys()).isZero();
  }

  @Test
  void concurrentPublishersOfOneKeyLoseNothing() throws Exception {
    InProcessEventHub<Integer> numbers = new InProcessEventHub<>();
    int perThread = 5_000;
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    Runnable publisher =
        () -> {
          try {
            start.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          for (int i = 0; i < perThread; i++) {
            numbers.publish("a", i);
          }
        };
    StepVerifier.create(numbers.subscribe("a").take(2L * perThread).count())
        .then(
            () -> {
              new Thread(publisher).start();
              new Thread(publisher).start();
              start.countDown();
            })
        .expectNext(2L * perThread)
        .expectComplete()
        .verify(WAIT);
  }

  @Test
  void rejectsNullsAndABufferBelowOne() {
    assertThatThrownBy(() -> new InProcessEventHub<String>(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> hub.publish("a", null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> hub.subscribe(null)).isInstanceOf(NullPointerException.class);
  }
}
