package dev.junction.gateway.authorization;

import dev.junction.gateway.Identity;

/**
 * Decides the policies named by {@code @policy(policies:)}: the hook through which an application
 * plugs its own rules into the gateway (no coprocessor needed). Called at most once per policy and
 * request, on the request's thread: keep it fast and non-blocking.
 */
@FunctionalInterface
public interface PolicyDecider {

  /** Denies every policy: a policy nobody decides is never granted. */
  PolicyDecider DENY_ALL = (policy, identity) -> false;

  /**
   * Whether {@code policy} allows a request from {@code identity}.
   *
   * @param policy a policy name from the supergraph
   * @param identity the caller ({@link Identity#ANONYMOUS} without a token)
   */
  boolean allows(String policy, Identity identity);

  /** This decider, falling back to {@code next} for policies it does not allow. */
  default PolicyDecider or(PolicyDecider next) {
    return (policy, identity) -> allows(policy, identity) || next.allows(policy, identity);
  }
}
