package dev.junction.client.generator;

/** A generation failure the build reports (invalid operation, bad configuration). */
public final class GenerationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public GenerationException(String message) {
    super(message);
  }

  /** Creates the exception with a cause. */
  public GenerationException(String message, Throwable cause) {
    super(message, cause);
  }
}
