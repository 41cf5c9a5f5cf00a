package dev.junction.subgraph.common.trust;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.subgraph.common.testing.TestCallers;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

class CallerAuthFilterTest {
  private final CallerAuthFilter filter =
      new CallerAuthFilter(
          new CallerTokens(TestCallers.SECRET, Clock.systemUTC()), "orders", Clock.systemUTC());

  private final AtomicReference<ServerWebExchange> passed = new AtomicReference<>();
  private final WebFilterChain chain =
      exchange -> {
        passed.set(exchange);
        return Mono.empty();
      };

  private MockServerWebExchange post(String path, String token) {
    MockServerHttpRequest.BaseBuilder<?> request = MockServerHttpRequest.post(path);
    if (token != null) {
      request.header(CallerTokens.HEADER, token);
    }
    return MockServerWebExchange.from(request);
  }

  private void assertRefused(MockServerWebExchange exchange) {
    StepVerifier.create(filter.filter(exchange, chain)).verifyComplete();
    assertThat(passed.get()).isNull();
    assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    StepVerifier.create(exchange.getResponse().getBodyAsString())
        .assertNext(
            body ->
                assertThat(body)
                    .startsWith("{\"errors\":[{\"message\":")
                    .contains("\"extensions\":{\"code\":\"UNAUTHENTICATED\"}"))
        .verifyComplete();
  }

  @Test
  void refusesGraphqlCallsWithoutAValidToken() {
    assertRefused(post("/graphql", null));
    assertRefused(post("/graphql", "garbage"));
    assertRefused(post("/graphql", TestCallers.wrongSecret("orders")));
    assertRefused(post("/graphql", TestCallers.expired("orders")));
    assertRefused(post("/graphql", TestCallers.token("orders", "payments", null)));
    assertRefused(post("/graphql/", null));
  }

  @Test
  void passesAValidTokenWithItsCallerAndLeavesHealthOpen() {
    MockServerWebExchange ok = post("/graphql", TestCallers.gateway("orders", "cust-001", "admin"));
    StepVerifier.create(filter.filter(ok, chain)).verifyComplete();
    assertThat(passed.get()).isSameAs(ok);
    assertThat(ok.<Caller>getAttribute(Caller.KEY))
        .isEqualTo(new Caller("gateway", "cust-001", Set.of("admin")));

    passed.set(null);
    MockServerWebExchange health = post("/actuator/health", null);
    StepVerifier.create(filter.filter(health, chain)).verifyComplete();
    assertThat(passed.get()).isSameAs(health);
  }

  @Test
  void withoutASecretEverythingPasses() {
    CallerAuthFilter off = new CallerAuthFilter(null, "orders", Clock.systemUTC());
    MockServerWebExchange exchange = post("/graphql", null);
    StepVerifier.create(off.filter(exchange, chain)).verifyComplete();
    assertThat(passed.get()).isSameAs(exchange);
  }
}
