package dev.junction.subgraph.common.error;

/**
 * A failure that a client caused or can act on. It becomes a GraphQL error whose {@code
 * extensions.code} is {@link #code()}; its message is shown to the client as is, so it must not
 * carry internal details.
 */
public class SubgraphException extends RuntimeException {
  private final String code;

  public SubgraphException(String code, String message) {
    super(message);
    this.code = code;
  }

  /** The machine-readable error code, e.g. {@code NOT_FOUND}. */
  public String code() {
    return code;
  }

  /** The entity or input was not found. */
  public static SubgraphException notFound(String message) {
    return new SubgraphException(ErrorCodes.NOT_FOUND, message);
  }

  /** The input is malformed or violates a rule of the domain. */
  public static SubgraphException badInput(String message) {
    return new SubgraphException(ErrorCodes.BAD_USER_INPUT, message);
  }

  /** The input conflicts with existing state (e.g. a duplicate e-mail). */
  public static SubgraphException conflict(String message) {
    return new SubgraphException(ErrorCodes.CONFLICT, message);
  }
}
