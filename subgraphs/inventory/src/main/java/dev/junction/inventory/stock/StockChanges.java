package dev.junction.inventory.stock;

import dev.junction.subgraph.common.events.EventHub;
import dev.junction.subgraph.common.events.InProcessEventHub;
import java.util.Collection;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Which products' stock changed, for {@code stockChanged}: reservations and releases report the
 * products they touched once committed; a subscriber reads the new level itself. In process over an
 * {@link EventHub} (Kafka later).
 */
@Component
public class StockChanges {
  private final EventHub<String> hub = new InProcessEventHub<>();

  /** Reports that the stock of these products changed (nothing is kept for unwatched ones). */
  public void changed(Collection<String> productIds) {
    productIds.forEach(id -> hub.publish(id, id));
  }

  /** A signal for each change of the product's stock from now on (hot). */
  public Flux<String> live(String productId) {
    return hub.subscribe(productId);
  }

  /** The number of products watched now (for tests). */
  int watched() {
    return ((InProcessEventHub<String>) hub).activeKeys();
  }
}
