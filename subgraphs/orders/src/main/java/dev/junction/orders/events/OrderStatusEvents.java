package dev.junction.orders.events;

import dev.junction.subgraph.common.events.EventHub;
import java.util.Objects;
import reactor.core.publisher.Flux;

/**
 * Where the checkout saga reports each state change it makes to an order, and where {@code
 * orderStatusChanged} subscribers hear of them; keyed by order id over an {@link EventHub}.
 */
public final class OrderStatusEvents {
  /** Reports nowhere: for orchestrators built without subscriptions (tests). */
  public static final OrderStatusEvents NONE = new OrderStatusEvents(null);

  private final EventHub<OrderStatusEvent> hub;

  public OrderStatusEvents(EventHub<OrderStatusEvent> hub) {
    this.hub = hub;
  }

  /** Hands the change to the order's current subscribers (none: nothing is kept). */
  public void publish(OrderStatusEvent event) {
    Objects.requireNonNull(event, "event");
    if (hub != null) {
      hub.publish(event.orderId(), event);
    }
  }

  /** The changes of one order from now on (hot). */
  public Flux<OrderStatusEvent> live(String orderId) {
    return hub == null ? Flux.never() : hub.subscribe(orderId);
  }
}
