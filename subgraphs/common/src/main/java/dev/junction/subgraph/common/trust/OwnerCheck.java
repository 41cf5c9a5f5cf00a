package dev.junction.subgraph.common.trust;

import dev.junction.subgraph.common.error.ErrorCodes;
import dev.junction.subgraph.common.error.SubgraphException;
import graphql.schema.DataFetchingEnvironment;

/**
 * Owner checks on customer data (orders, payments, loyalty). A field owned by customer X is read
 * by:
 *
 * <ul>
 *   <li>every caller when this subgraph verifies no caller token (no secret: as before);
 *   <li>a Junction service other than the gateway (the orders saga), with or without an end user;
 *   <li>an end user with the {@value Caller#ADMIN_SCOPE} scope;
 *   <li>the end user X.
 * </ul>
 *
 * Anyone else gets an error on the field (and null there): {@code UNAUTHENTICATED} for an anonymous
 * end user, {@code FORBIDDEN} for another end user.
 */
public final class OwnerCheck {
  private OwnerCheck() {}

  /**
   * Fails unless the caller of {@code env} may read data of {@code ownerId} (null: owner unknown,
   * only services and admins may read it).
   */
  public static void requireOwner(DataFetchingEnvironment env, String ownerId, String what) {
    requireOwner(Caller.of(env), ownerId, what);
  }

  /** {@link #requireOwner(DataFetchingEnvironment, String, String)} for a known caller. */
  public static void requireOwner(Caller caller, String ownerId, String what) {
    if (!caller.verified() || caller.trustedService() || caller.admin()) {
      return;
    }
    if (caller.anonymous()) {
      throw new SubgraphException(
          ErrorCodes.UNAUTHENTICATED, "Sign in to read " + what + " (it belongs to a customer)");
    }
    if (ownerId == null || !ownerId.equals(caller.userId())) {
      throw new SubgraphException(ErrorCodes.FORBIDDEN, "Not allowed to read " + what);
    }
  }

  /** Whether {@link #requireOwner(Caller, String, String)} would let the caller through. */
  public static boolean mayRead(Caller caller, String ownerId) {
    return !caller.verified()
        || caller.trustedService()
        || caller.admin()
        || (!caller.anonymous() && caller.userId().equals(ownerId));
  }

  /**
   * Fails unless a Junction service other than the gateway made the call: the internal (saga)
   * mutations, which the gateway never sends (they are {@code @inaccessible}).
   */
  public static void requireService(DataFetchingEnvironment env, String what) {
    Caller caller = Caller.of(env);
    if (caller.verified() && !caller.trustedService()) {
      throw new SubgraphException(
          ErrorCodes.FORBIDDEN, what + " is internal: only the checkout saga may call it");
    }
  }
}
