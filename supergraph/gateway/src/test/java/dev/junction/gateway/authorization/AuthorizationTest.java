package dev.junction.gateway.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.junction.gateway.Gateway;
import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.GatewayResponse;
import dev.junction.gateway.Identity;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code @authenticated}, {@code @requiresScopes} and {@code @policy} through the real engine over
 * HTTP to two stub subgraphs that record every query: refused fields never reach a subgraph, come
 * back as null with an UNAUTHORIZED_FIELD_OR_TYPE error at their path, and the rest is served.
 */
class AuthorizationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String USER_A =
      "{\"data\":{\"user\":{\"__typename\":\"User\",\"id\":\"u1\",\"name\":\"Ada\","
          + "\"email\":\"ada@example.com\",\"phone\":\"555\"},"
          + "\"me\":{\"name\":\"Ada\"},\"users\":[{\"name\":\"Ada\",\"email\":\"ada@example.com\"},"
          + "{\"name\":\"Bob\",\"email\":\"bob@example.com\"}],\"secret\":{\"value\":\"s\"},"
          + "\"admin\":\"root\",\"doIt\":\"done\"}}";
  private static final String USER_B =
      "{\"data\":{\"_entities\":[{\"__typename\":\"User\",\"orders\":[\"o1\"]}]}}";

  private final List<String> callsA = new CopyOnWriteArrayList<>();
  private final List<String> callsB = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private Gateway gateway;

  private void start(AuthorizationSettings settings) throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    route("/a", USER_A, callsA);
    route("/b", USER_B, callsB);
    server.start();
    String sdl = Files.readString(Path.of("src/test/resources/authorization/supergraph.graphql"));
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    gateway =
        Gateway.create(
            sdl,
            GatewayOptions.builder()
                .subgraphUrl("a", base + "/a")
                .subgraphUrl("b", base + "/b")
                .authorization(settings)
                .build());
  }

  private void route(String path, String body, List<String> calls) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    server.createContext(
        path,
        exchange -> {
          calls.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.getResponseHeaders().add("content-type", "application/json");
          exchange.sendResponseHeaders(200, bytes.length);
          exchange.getResponseBody().write(bytes);
          exchange.close();
        });
  }

  @AfterEach
  void stop() {
    if (gateway != null) {
      gateway.close();
    }
    if (server != null) {
      server.stop(0);
    }
  }

  private static Identity token(String sub, String scope) {
    return new Identity(
        "token-" + sub, scope == null ? Map.of("sub", sub) : Map.of("sub", sub, "scope", scope));
  }

  private JsonNode run(String query, Identity who) throws Exception {
    GatewayResponse r = gateway.execute(GatewayRequest.of(query).withIdentity(who)).block();
    JsonNode body = JSON.readTree(r.toJson());
    body = ((com.fasterxml.jackson.databind.node.ObjectNode) body).put("status", r.httpStatus());
    return body;
  }

  private static List<String> errorPaths(JsonNode body) {
    List<String> out = new ArrayList<>();
    for (JsonNode e : body.path("errors")) {
      assertThat(e.path("extensions").path("code").asText()).isEqualTo(Authorizer.UNAUTHORIZED);
      out.add(e.path("path").toString());
    }
    return out;
  }

  @Test
  void anonymousCallersLoseProtectedFieldsAndKeepTheRest() throws Exception {
    start(AuthorizationSettings.DEFAULTS);
    JsonNode body = run("{ user(id: \"u1\") { name email } me { name } }", Identity.ANONYMOUS);
    assertThat(body.path("status").asInt()).isEqualTo(200);
    assertThat(body.path("data").path("user").path("name").asText()).isEqualTo("Ada");
    assertThat(body.path("data").path("user").has("email")).isTrue();
    assertThat(body.path("data").path("user").path("email").isNull()).isTrue();
    assertThat(body.path("data").path("me").isNull()).isTrue();
    assertThat(errorPaths(body)).containsExactly("[\"user\",\"email\"]", "[\"me\"]");
    assertThat(callsA).hasSize(1);
    assertThat(callsA.get(0))
        .contains("name")
        .doesNotContain("email")
        .doesNotContainPattern("\\bme\\b");
  }

  @Test
  void aRefusedNonNullFieldNullsItsParentWithOneError() throws Exception {
    start(AuthorizationSettings.DEFAULTS);
    JsonNode body = run("{ user(id: \"u1\") { name phone } }", Identity.ANONYMOUS);
    assertThat(body.path("data").path("user").isNull()).isTrue();
    assertThat(errorPaths(body)).containsExactly("[\"user\",\"phone\"]");
    assertThat(callsA.get(0)).doesNotContain("phone");
  }

  @Test
  void listItemsAndFragmentsAreFilteredWithListPaths() throws Exception {
    start(AuthorizationSettings.DEFAULTS);
    JsonNode body =
        run("{ users { ...F } } fragment F on User { name email }", token("u1", "orders:read"));
    assertThat(body.path("data").path("users")).hasSize(2);
    assertThat(body.path("data").path("users").get(1).path("name").asText()).isEqualTo("Bob");
    assertThat(body.path("data").path("users").get(1).path("email").isNull()).isTrue();
    assertThat(errorPaths(body)).containsExactly("[\"users\",\"@\",\"email\"]");
    assertThat(callsA.get(0)).doesNotContain("email");
  }

  @Test
  void theRightScopeOrAnAlternativeOneServesEverything() throws Exception {
    start(AuthorizationSettings.DEFAULTS);
    String query = "{ user(id: \"u1\") { name email phone } me { name } secret { value } }";
    for (String scope : List.of("read:email", "other admin")) {
      callsA.clear();
      JsonNode body = run(query, token("u1", scope));
      assertThat(body.has("errors")).as(body.toString()).isFalse();
      assertThat(body.path("data").path("user").path("email").asText())
          .isEqualTo("ada@example.com");
      assertThat(body.path("data").path("secret").path("value").asText()).isEqualTo("s");
      assertThat(callsA.get(0)).contains("email").contains("phone").contains("secret");
    }
    // The same operation for an anonymous caller afterwards: the cache is per refusal set.
    callsA.clear();
    JsonNode anonymous = run(query, Identity.ANONYMOUS);
    assertThat(errorPaths(anonymous))
        .containsExactly(
            "[\"user\",\"email\"]", "[\"user\",\"phone\"]", "[\"me\"]", "[\"secret\"]");
    assertThat(callsA.get(0)).doesNotContain("email").doesNotContain("secret");
  }

  @Test
  void scopesMayComeAsAListClaim() throws Exception {
    start(AuthorizationSettings.DEFAULTS);
    Identity scp = new Identity("t", Map.of("sub", "u1", "scp", List.of("admin")));
    JsonNode body = run("{ admin }", scp);
    assertThat(body.has("errors")).isFalse();
    assertThat(body.path("data").path("admin").asText()).isEqualTo("root");
  }

  @Test
  void policiesAreDecidedByTheHookAndARefusedEntityFetchNeverHappens() throws Exception {
    start(
        AuthorizationSettings.DEFAULTS.withPolicies(
            (policy, who) -> policy.equals("owner") && "u1".equals(who.subject())));
    JsonNode owner = run("{ user(id: \"u1\") { name orders } }", token("u1", null));
    assertThat(owner.has("errors")).as(owner.toString()).isFalse();
    assertThat(owner.path("data").path("user").path("orders").get(0).asText()).isEqualTo("o1");
    assertThat(callsB).hasSize(1);

    callsB.clear();
    JsonNode other = run("{ user(id: \"u1\") { name orders } }", token("u2", null));
    assertThat(errorPaths(other)).containsExactly("[\"user\",\"orders\"]");
    assertThat(other.path("data").path("user").path("name").asText()).isEqualTo("Ada");
    assertThat(callsB).isEmpty();
  }

  @Test
  void whenEveryRootFieldIsRefusedNoSubgraphIsCalled() throws Exception {
    start(AuthorizationSettings.DEFAULTS);
    JsonNode body = run("{ admin secret { value } }", token("u1", null));
    assertThat(body.path("data").path("admin").isNull()).isTrue();
    assertThat(errorPaths(body)).containsExactly("[\"admin\"]");
    assertThat(body.path("data").path("secret").path("value").asText()).isEqualTo("s");

    callsA.clear();
    JsonNode none = run("{ admin }", Identity.ANONYMOUS);
    assertThat(none.path("data").path("admin").isNull()).isTrue();
    assertThat(errorPaths(none)).containsExactly("[\"admin\"]");
    assertThat(callsA).isEmpty();
  }

  @Test
  void aMutationNeedsBothItsScopeAndItsPolicy() throws Exception {
    start(AuthorizationSettings.DEFAULTS.withPolicies((policy, who) -> policy.equals("owner")));
    JsonNode refused = run("mutation { doIt }", token("u1", "read"));
    assertThat(errorPaths(refused)).containsExactly("[\"doIt\"]");
    assertThat(callsA).isEmpty();
    JsonNode allowed = run("mutation { doIt }", token("u1", "write"));
    assertThat(allowed.path("data").path("doIt").asText()).isEqualTo("done");
    assertThat(callsA).hasSize(1);
  }

  @Test
  void rejectModeRefusesTheWholeRequestWithoutSubgraphCalls() throws Exception {
    start(new AuthorizationSettings(true, true, List.of("scope"), PolicyDecider.DENY_ALL));
    JsonNode body = run("{ user(id: \"u1\") { name email } }", Identity.ANONYMOUS);
    assertThat(body.path("status").asInt()).isEqualTo(403);
    assertThat(body.has("data")).isFalse();
    assertThat(errorPaths(body)).containsExactly("[\"user\",\"email\"]");
    assertThat(callsA).isEmpty();
    JsonNode open = run("{ user(id: \"u1\") { name } }", Identity.ANONYMOUS);
    assertThat(open.path("status").asInt()).isEqualTo(200);
    assertThat(open.has("errors")).isFalse();
  }

  @Test
  void disabledEnforcementServesEverything() throws Exception {
    start(new AuthorizationSettings(false, false, List.of("scope"), PolicyDecider.DENY_ALL));
    JsonNode body = run("{ admin }", Identity.ANONYMOUS);
    assertThat(body.has("errors")).isFalse();
    assertThat(body.path("data").path("admin").asText()).isEqualTo("root");
  }

  @Test
  void typesAndFragmentsOnProtectedTypesAreRemovedAndTheApiSchemaHidesTheMachinery()
      throws Exception {
    start(AuthorizationSettings.DEFAULTS);
    JsonNode body =
        run("{ secret { ... on Secret { value } } user(id: \"u1\") { name } }", Identity.ANONYMOUS);
    assertThat(errorPaths(body)).containsExactly("[\"secret\"]");
    assertThat(gateway.apiSchemaSdl())
        .doesNotContain("requiresScopes__Scope")
        .doesNotContain("policy__Policy")
        .doesNotContain("@authenticated");
  }
}
