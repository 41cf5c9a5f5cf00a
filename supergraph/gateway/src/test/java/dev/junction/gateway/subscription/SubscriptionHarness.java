package dev.junction.gateway.subscription;

import dev.junction.gateway.Gateway;
import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.Identity;
import dev.junction.gateway.auth.AuthenticationException;
import dev.junction.gateway.auth.Authenticator;
import dev.junction.gateway.auth.SubgraphCredentials;
import dev.junction.gateway.config.CorsConfig;
import dev.junction.gateway.config.CsrfConfig;
import dev.junction.gateway.config.RateLimitConfig;
import dev.junction.gateway.config.ServerConfig;
import dev.junction.gateway.config.SubscriptionConfig;
import dev.junction.gateway.headers.HeaderRule;
import dev.junction.gateway.headers.RuleBasedHeaderPropagator;
import dev.junction.gateway.http.GatewayHttpServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The real gateway on a free port, over the planner's shared {@code _shared/reviews.graphql}
 * supergraph (its subscription and defer cases): {@code reviews} is a {@link WsSubgraphStub}
 * (subscriptions), {@code products} and {@code accounts} one {@link EntityStub}. Tokens: {@code
 * Bearer good} is user {@code u-1}, any other bearer token is refused.
 */
final class SubscriptionHarness implements AutoCloseable {
  static final String SECRET = "0123456789abcdef0123456789abcdef-secret";
  static final String QUERY =
      "subscription OnReview { reviewAdded(productId: \"p\") { id body product { name price }"
          + " author { name } } }";

  final WsSubgraphStub reviews = new WsSubgraphStub(SubgraphCredentials.HEADER);
  final EntityStub entities = new EntityStub();
  final Gateway gateway;
  final GatewayHttpServer server;

  static final Authenticator TOKENS =
      headers -> {
        List<String> auth = headers.get("authorization");
        if (auth == null || auth.isEmpty()) {
          return Identity.ANONYMOUS;
        }
        if (auth.get(0).equals("Bearer good")) {
          return new Identity("good", Map.of("sub", "u-1"));
        }
        throw new AuthenticationException(AuthenticationException.Reason.BAD_SIGNATURE);
      };

  SubscriptionHarness(SubscriptionConfig config) throws Exception {
    String sdl =
        Files.readString(Path.of("../planner/src/test/resources/cases/_shared/reviews.graphql"));
    GatewayOptions options =
        GatewayOptions.builder()
            .subgraphUrl("reviews", reviews.url())
            .subgraphUrl("products", entities.url())
            .subgraphUrl("accounts", entities.url())
            .subgraphAuth(new SubgraphCredentials(SECRET, Map.of(), Clock.systemUTC()))
            .headers(
                new RuleBasedHeaderPropagator(
                    List.of(new HeaderRule.Propagate("x-tenant", null, null)), Map.of()))
            .subscriptions(config)
            .build();
    gateway = Gateway.create(sdl, options);
    server =
        new GatewayHttpServer(
                gateway,
                new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_REQUEST_BYTES, false),
                CorsConfig.disabled(),
                0,
                null,
                CsrfConfig.defaults(),
                RateLimitConfig.disabled(),
                TOKENS)
            .subscriptions(config)
            .start();
  }

  static SubscriptionConfig config(
      int maxSubscriptions, int maxConnections, Duration initTimeout, int bufferSize) {
    SubscriptionConfig d = SubscriptionConfig.defaults();
    return new SubscriptionConfig(
        true,
        maxSubscriptions,
        maxConnections,
        initTimeout,
        Duration.ofSeconds(1),
        bufferSize,
        d.maxMessageBytes(),
        Duration.ofSeconds(3),
        null,
        Map.of());
  }

  int port() {
    return server.port();
  }

  /** Waits up to {@code seconds} for {@code condition}; false when it never held. */
  static boolean eventually(int seconds, java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    while (System.nanoTime() < end) {
      if (condition.getAsBoolean()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.getAsBoolean();
  }

  @Override
  public void close() {
    server.shutdown(Duration.ofMillis(500));
    gateway.close();
    reviews.close();
    entities.close();
  }
}
