package dev.junction.gateway.subscription;

/**
 * The graphql-transport-ws protocol (the graphql-ws library's): subprotocol name, the fixed
 * messages and the close codes the gateway uses.
 */
public final class GraphQLWsProtocol {
  /** The WebSocket subprotocol. */
  public static final String SUBPROTOCOL = "graphql-transport-ws";

  /** Invalid message (not JSON, unknown type, missing id or payload). */
  public static final int BAD_REQUEST = 4400;

  /** Subscribe before {@code connection_ack}, or a refused token in {@code connection_init}. */
  public static final int UNAUTHORIZED = 4401;

  /** No {@code connection_init} within the time-out. */
  public static final int INIT_TIMEOUT = 4408;

  /** A subscribe with the id of a running operation. */
  public static final int SUBSCRIBER_EXISTS = 4409;

  /** A second {@code connection_init}. */
  public static final int TOO_MANY_INIT = 4429;

  /** The client reads too slowly: more than {@code buffer_size} messages waiting. */
  public static final int SLOW_CONSUMER = 4413;

  /** The gateway failed unexpectedly. */
  public static final int INTERNAL_ERROR = 4500;

  static final String ACK = "{\"type\":\"connection_ack\"}";
  static final String PING = "{\"type\":\"ping\"}";
  static final String PONG = "{\"type\":\"pong\"}";

  private GraphQLWsProtocol() {}
}
