package dev.junction.client;

/**
 * Supplies the bearer token; called once per HTTP request so refreshed tokens are picked up.
 * Returning null or blank sends no {@code Authorization} header.
 */
@FunctionalInterface
public interface AuthTokenProvider {
  /** The current token (without the {@code Bearer } prefix), or null. */
  String token();
}
