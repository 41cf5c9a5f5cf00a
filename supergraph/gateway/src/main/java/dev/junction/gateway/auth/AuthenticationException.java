package dev.junction.gateway.auth;

import java.util.Locale;

/** A request whose bearer token was refused (HTTP 401, {@code UNAUTHENTICATED}). */
public final class AuthenticationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why a token was refused; {@link #tag()} is the metric tag, the message goes to the client. */
  public enum Reason {
    /** No token, and authentication is required. */
    MISSING("Authentication is required: send a bearer token"),
    /** Not a bearer token of the expected scheme, or not a signed JWT. */
    MALFORMED("The bearer token is malformed"),
    /** Longer than the configured limit. */
    TOO_LARGE("The bearer token is too large"),
    /** {@code alg} is none or not an accepted algorithm. */
    ALGORITHM("The bearer token's signing algorithm is not accepted"),
    /** No key of the key set matches the token's key id and algorithm. */
    UNKNOWN_KEY("The bearer token was signed with an unknown key"),
    /** The signature does not verify. */
    BAD_SIGNATURE("The bearer token's signature is invalid"),
    /** Past {@code exp} (plus the clock skew), or without {@code exp}. */
    EXPIRED("The bearer token has expired"),
    /** Before {@code nbf} (minus the clock skew). */
    NOT_YET_VALID("The bearer token is not valid yet"),
    /** {@code iss} is not the accepted issuer. */
    ISSUER("The bearer token was issued by an issuer that is not accepted"),
    /** {@code aud} names none of the accepted audiences. */
    AUDIENCE("The bearer token is not meant for this service");

    private final String message;

    Reason(String message) {
      this.message = message;
    }

    /** The client-facing message: general terms, no internals. */
    public String message() {
      return message;
    }

    /** The metric tag, such as {@code bad_signature}. */
    public String tag() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Reason reason;

  /** A refusal for {@code reason}. */
  public AuthenticationException(Reason reason) {
    super(reason.message(), null, false, false);
    this.reason = reason;
  }

  /** Why the token was refused. */
  public Reason reason() {
    return reason;
  }
}
