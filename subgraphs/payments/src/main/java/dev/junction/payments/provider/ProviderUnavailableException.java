package dev.junction.payments.provider;

/** The provider did not give a usable answer (time-out, 5xx, garbage, open circuit breaker). */
public class ProviderUnavailableException extends RuntimeException {
  public ProviderUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
