package dev.junction.subgraph.common.error;

/** The {@code extensions.code} values the subgraphs emit. */
public final class ErrorCodes {
  public static final String NOT_FOUND = "NOT_FOUND";
  public static final String BAD_USER_INPUT = "BAD_USER_INPUT";
  public static final String CONFLICT = "CONFLICT";
  public static final String INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR";
  public static final String UNAUTHENTICATED = "UNAUTHENTICATED";
  public static final String FORBIDDEN = "FORBIDDEN";

  private ErrorCodes() {}
}
