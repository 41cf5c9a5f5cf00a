package dev.junction.e2e;

import dev.junction.gateway.Identity;
import java.util.Map;

/**
 * The verified callers the stack tests send through the in-process gateway: the graph protects
 * customer data with {@code @authenticated} and scopes ({@code orders:write}, {@code admin}), and
 * the subgraphs check owners.
 */
final class Callers {
  private Callers() {}

  /** Staff: may read every customer's data and place orders. */
  static final Identity ADMIN =
      new Identity(
          "e2e-admin-token",
          Map.of("sub", "admin-e2e", "scope", "admin inventory:read orders:write"));

  /** A signed-in customer who may place orders (as the dev token of the local stack). */
  static Identity customer(String id) {
    return new Identity("e2e-token-" + id, Map.of("sub", id, "scope", "orders:write"));
  }
}
