package dev.junction.gateway.config;

/**
 * The router config is invalid: the message names the offending key path and is meant to be shown
 * to the operator as is (one line, no stack trace).
 */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ConfigException(String message) {
    super(message);
  }

  public ConfigException(String message, Throwable cause) {
    super(message, cause);
  }
}
