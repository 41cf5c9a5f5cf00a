package dev.junction.subgraph.common.events;

import reactor.core.publisher.Flux;

/**
 * A hot publisher of events by key (an order id, a product id), the source of a subgraph's
 * subscriptions. In process today ({@link InProcessEventHub}); a broker (Kafka) can stand behind
 * the same two methods later.
 *
 * @param <E> the event type
 */
public interface EventHub<E> {

  /**
   * Hands an event to the current subscribers of its key, without waiting for them; nothing is kept
   * for a key nobody subscribes to.
   */
  void publish(String key, E event);

  /**
   * The events of one key published from the moment of subscription on (none from before), until
   * the subscriber cancels. A subscriber that falls too far behind fails with an overflow error
   * instead of holding events without bound.
   */
  Flux<E> subscribe(String key);
}
