package dev.junction.subgraph.common.trust;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Refuses every call to {@code /graphql} without a valid caller token ({@link CallerTokens})
 * addressed to this subgraph: HTTP 401 with a GraphQL error body, code {@code UNAUTHENTICATED}.
 * Health and other actuator endpoints stay open. The verified {@link Caller} goes to the exchange's
 * attributes, whence {@link CallerContextInterceptor} hands it to the data fetchers. Verified
 * tokens are remembered until their {@code exp}, so a token the gateway sends again costs a map
 * lookup.
 */
public final class CallerAuthFilter implements WebFilter, Ordered {
  private static final Logger log = LoggerFactory.getLogger(CallerAuthFilter.class);
  private static final int MAX_REMEMBERED = 10_000;
  private static final byte[] REFUSED =
      ("{\"errors\":[{\"message\":\"This subgraph only answers Junction services: the caller"
              + " credential (header "
              + CallerTokens.HEADER
              + ") is missing or invalid\",\"extensions\":{\"code\":\"UNAUTHENTICATED\"}}]}")
          .getBytes(StandardCharsets.UTF_8);

  private final CallerTokens tokens;
  private final String audience;
  private final Clock clock;
  private final Map<String, CallerTokens.Verified> verified = new ConcurrentHashMap<>();

  /**
   * @param tokens the verifier; null lets every call through (no secret configured)
   * @param audience this subgraph's name
   */
  public CallerAuthFilter(CallerTokens tokens, String audience, Clock clock) {
    this.tokens = tokens;
    this.audience = audience;
    this.clock = clock;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE + 10;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    String path = exchange.getRequest().getPath().pathWithinApplication().value();
    if (tokens == null || !guarded(path)) {
      return chain.filter(exchange);
    }
    String token = exchange.getRequest().getHeaders().getFirst(CallerTokens.HEADER);
    Caller caller;
    try {
      caller = callerOf(token);
    } catch (CallerTokens.InvalidCallerToken e) {
      log.debug("Refused a call to {}: caller token {}", path, e.getMessage());
      return refuse(exchange);
    }
    exchange.getAttributes().put(Caller.KEY, caller);
    return chain.filter(exchange);
  }

  static boolean guarded(String path) {
    return path.equals("/graphql") || path.startsWith("/graphql/");
  }

  /** The verified caller of a token (remembered until its {@code exp}). */
  Caller callerOf(String token) {
    if (token == null) {
      throw new CallerTokens.InvalidCallerToken("missing");
    }
    CallerTokens.Verified known = verified.get(token);
    if (known != null && clock.instant().isBefore(known.expiresAt())) {
      return known.caller();
    }
    CallerTokens.Verified fresh = tokens.verify(token, audience);
    if (verified.size() >= MAX_REMEMBERED) {
      verified.clear();
    }
    verified.put(token, fresh);
    return fresh.caller();
  }

  private static Mono<Void> refuse(ServerWebExchange exchange) {
    var response = exchange.getResponse();
    response.setStatusCode(HttpStatus.UNAUTHORIZED);
    response.getHeaders().setContentType(MediaType.APPLICATION_JSON);
    response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "JunctionCaller");
    DataBuffer body = response.bufferFactory().wrap(REFUSED);
    return response.writeWith(Mono.just(body));
  }
}
