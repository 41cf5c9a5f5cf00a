package dev.junction.gateway.auth;

import dev.junction.gateway.Identity;
import java.util.List;
import java.util.Map;

/** Decides who sent a request from its headers, before anything else is done with it. */
public interface Authenticator extends AutoCloseable {
  /** Everyone is anonymous: authentication is off. */
  Authenticator NONE = headers -> Identity.ANONYMOUS;

  /**
   * The identity of a request.
   *
   * @param headers request headers, names lower-cased
   * @return the verified identity, or {@link Identity#ANONYMOUS} when no token was sent
   * @throws AuthenticationException when a token was sent and refused, or none was sent and one is
   *     required
   */
  Identity authenticate(Map<String, List<String>> headers);

  @Override
  default void close() {}
}
