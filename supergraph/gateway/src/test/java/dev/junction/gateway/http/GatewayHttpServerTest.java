package dev.junction.gateway.http;

import static dev.junction.gateway.http.HttpTestClient.encode;
import static dev.junction.gateway.http.HttpTestClient.json;
import static dev.junction.gateway.http.HttpTestClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.config.CorsConfig;
import dev.junction.gateway.config.ServerConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GatewayHttpServerTest {
  private static final long LIMIT = 64 * 1024;

  private final FakeEngine engine = new FakeEngine();
  private GatewayHttpServer server;
  private HttpTestClient http;

  @BeforeEach
  void start() {
    server =
        new GatewayHttpServer(
                engine, new ServerConfig("127.0.0.1", 0, LIMIT, true), CorsConfig.disabled())
            .start();
    http = new HttpTestClient(server.port());
  }

  @AfterEach
  void stop() {
    server.shutdown(Duration.ofSeconds(1));
  }

  /**
   * A GET with Apollo's preflight header: GETs have no content type, so CSRF prevention wants it.
   */
  private HttpResponse<byte[]> preflighted(String uri, String... headers) {
    String[] all = java.util.Arrays.copyOf(headers, headers.length + 2);
    all[headers.length] = "apollo-require-preflight";
    all[headers.length + 1] = "true";
    return http.get(uri, all);
  }

  private static void assertGraphQLError(
      HttpResponse<byte[]> response, int status, String code, String message) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode body = json(response);
    assertThat(body.fieldNames()).toIterable().containsExactly("errors");
    assertThat(body.at("/errors/0/extensions/code").asText()).isEqualTo(code);
    assertThat(body.at("/errors/0/message").asText()).contains(message);
  }

  @Test
  void postExecutesTheDecodedRequestWithLowerCasedHeaders() {
    HttpResponse<byte[]> response =
        http.postJson(
            "/graphql",
            """
            {"query":"query Q($id: ID) { product(id: $id) { name } }",
             "operationName":"Q","variables":{"id":"p1","n":2},
             "extensions":{"trace":true}}""",
            "X-Custom",
            "from-client");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    JsonNode echo = json(response).at("/data/echo");
    assertThat(echo.get("operationName").asText()).isEqualTo("Q");
    assertThat(echo.at("/variables/id").asText()).isEqualTo("p1");
    assertThat(echo.at("/variables/n").asInt()).isEqualTo(2);
    assertThat(echo.at("/extensions/trace").asBoolean()).isTrue();
    assertThat(echo.get("customHeader").asText()).isEqualTo("from-client");
    GatewayRequest received = engine.received.get(0);
    assertThat(received.headers()).containsKey("x-custom").containsKey("content-type");
    assertThat(received.headers().keySet()).allMatch(name -> name.equals(name.toLowerCase()));
  }

  @Test
  void answersInGraphqlResponseJsonWhenTheClientAsksForIt() {
    HttpResponse<byte[]> response =
        http.postJson(
            "/graphql",
            "{\"query\":\"{ a }\"}",
            "accept",
            "application/graphql-response+json, application/json;q=0.9");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type"))
        .hasValue("application/graphql-response+json");
    assertThat(json(response).at("/data/echo/query").asText()).isEqualTo("{ a }");
  }

  @Test
  void theEngineStatusIsUsedForRequestErrors() {
    HttpResponse<byte[]> response =
        http.postJson("/graphql", "{\"query\":\"{ invalidDocument }\"}");

    assertGraphQLError(response, 400, "GRAPHQL_VALIDATION_FAILED", "invalidDocument");
  }

  @Test
  void getRunsQueriesFromTheQueryString() {
    String uri =
        "/graphql?query="
            + encode("query Q($id: ID) { product(id: $id) { name } }")
            + "&operationName=Q&variables="
            + encode("{\"id\":\"p2\"}");

    HttpResponse<byte[]> response = preflighted(uri, "X-Custom", "get");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode echo = json(response).at("/data/echo");
    assertThat(echo.get("operationName").asText()).isEqualTo("Q");
    assertThat(echo.at("/variables/id").asText()).isEqualTo("p2");
    assertThat(echo.get("customHeader").asText()).isEqualTo("get");
  }

  @Test
  void getRefusesMutationsWith405() {
    HttpResponse<byte[]> response =
        preflighted("/graphql?query=" + encode("mutation { deleteEverything }"));

    assertGraphQLError(response, 405, "METHOD_NOT_ALLOWED", "send this mutation with POST");
    assertThat(engine.received).isEmpty();
  }

  @Test
  void getRunsTheSelectedQueryOfADocumentWithAMutation() {
    String document = "mutation M { x } query Q { y }";

    HttpResponse<byte[]> query =
        preflighted("/graphql?query=" + encode(document) + "&operationName=Q");
    HttpResponse<byte[]> mutation =
        preflighted("/graphql?query=" + encode(document) + "&operationName=M");

    assertThat(query.statusCode()).isEqualTo(200);
    assertThat(mutation.statusCode()).isEqualTo(405);
    assertThat(engine.received).hasSize(1);
  }

  @Test
  void getLeavesSyntaxErrorsToTheEngine() {
    HttpResponse<byte[]> response = preflighted("/graphql?query=" + encode("{ unclosed"));

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(engine.received).hasSize(1);
  }

  @Test
  void malformedJsonIsABadRequest() {
    assertGraphQLError(
        http.postJson("/graphql", "{\"query\": "), 400, "BAD_REQUEST", "Malformed JSON");
    assertGraphQLError(http.postJson("/graphql", ""), 400, "BAD_REQUEST", "body is empty");
    assertGraphQLError(
        http.postJson("/graphql", "[{\"query\":\"{a}\"}]"), 400, "BAD_REQUEST", "Batched");
    assertGraphQLError(http.postJson("/graphql", "\"{a}\""), 400, "BAD_REQUEST", "JSON object");
    assertThat(engine.received).isEmpty();
  }

  @Test
  void aMissingQueryIsABadRequest() {
    assertGraphQLError(
        http.postJson("/graphql", "{\"variables\":{}}"), 400, "BAD_REQUEST", "Missing 'query'");
    assertGraphQLError(
        preflighted("/graphql?operationName=Q"), 400, "BAD_REQUEST", "Missing 'query'");
  }

  @Test
  void aPersistedQueryNeedsNoDocument() {
    HttpResponse<byte[]> response =
        http.postJson(
            "/graphql",
            "{\"extensions\":{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"abc\"}}}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(engine.received.get(0).query()).isNull();
  }

  @Test
  void variablesMustBeAnObject() {
    assertGraphQLError(
        http.postJson("/graphql", "{\"query\":\"{a}\",\"variables\":[1]}"),
        400,
        "BAD_REQUEST",
        "'variables' must be a JSON object");
    assertGraphQLError(
        preflighted("/graphql?query=" + encode("{a}") + "&variables=" + encode("{bad")),
        400,
        "BAD_REQUEST",
        "Malformed JSON in 'variables'");
    assertGraphQLError(
        http.postJson("/graphql", "{\"query\":42}"),
        400,
        "BAD_REQUEST",
        "'query' must be a string");
  }

  @Test
  void postBodiesMustBeJson() {
    HttpResponse<byte[]> response =
        http.send(
            http.request("/graphql")
                .header("content-type", "application/xml")
                .POST(HttpRequest.BodyPublishers.ofString("{ a }"))
                .build());
    HttpResponse<byte[]> preflightedText =
        http.send(
            http.request("/graphql")
                .header("content-type", "text/plain")
                .header("apollo-require-preflight", "true")
                .POST(HttpRequest.BodyPublishers.ofString("{ a }"))
                .build());

    assertGraphQLError(response, 415, "UNSUPPORTED_MEDIA_TYPE", "application/json");
    assertGraphQLError(preflightedText, 415, "UNSUPPORTED_MEDIA_TYPE", "application/json");
    assertThat(engine.received).isEmpty();
  }

  @Test
  void oversizedBodiesGet413() {
    String padding = "x".repeat((int) LIMIT);
    HttpResponse<byte[]> response =
        http.postJson("/graphql", "{\"query\":\"{ a }\",\"pad\":\"" + padding + "\"}");

    assertGraphQLError(response, 413, "PAYLOAD_TOO_LARGE", "limit of " + LIMIT + " bytes");
    assertThat(engine.received).isEmpty();
  }

  @Test
  void oversizedChunkedBodiesGet413() {
    byte[] body = ("{\"query\":\"{ a }\",\"pad\":\"" + "y".repeat((int) LIMIT) + "\"}").getBytes();
    HttpResponse<byte[]> response =
        http.send(
            http.request("/graphql")
                .header("content-type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream(body)))
                .build());

    assertGraphQLError(response, 413, "PAYLOAD_TOO_LARGE", "limit");
    assertThat(engine.received).isEmpty();
  }

  @Test
  void aBodyJustUnderTheLimitIsAccepted() {
    String prefix = "{\"query\":\"{ a }\",\"pad\":\"";
    String body = prefix + "z".repeat((int) LIMIT - prefix.length() - 2) + "\"}";

    assertThat(body).hasSize((int) LIMIT);
    assertThat(http.postJson("/graphql", body).statusCode()).isEqualTo(200);
  }

  @Test
  void handlerExceptionsBecome500WithoutDetails() {
    for (String query : List.of("{ throwSync }", "{ failAsync }", "{ nothing }")) {
      HttpResponse<byte[]> response = http.postJson("/graphql", "{\"query\":\"" + query + "\"}");

      assertGraphQLError(response, 500, "INTERNAL_SERVER_ERROR", "Internal server error");
      assertThat(text(response))
          .doesNotContain("secret")
          .doesNotContain("Exception")
          .doesNotContain("at dev.");
    }
  }

  @Test
  void otherMethodsOnGraphqlGet405() {
    HttpResponse<byte[]> response =
        http.send(http.request("/graphql").PUT(HttpRequest.BodyPublishers.ofString("{}")).build());

    assertGraphQLError(response, 405, "METHOD_NOT_ALLOWED", "GET or POST");
    assertThat(response.headers().firstValue("allow")).hasValue("GET, POST, OPTIONS");
  }

  @Test
  void healthIsUp() {
    HttpResponse<byte[]> response = http.get("/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    assertThat(text(response)).isEqualTo("{\"status\":\"UP\"}");
  }

  @Test
  void unknownPathsGet404() {
    assertGraphQLError(http.get("/nope"), 404, "NOT_FOUND", "/nope");
    assertGraphQLError(http.get("/graphiql/../logback.xml"), 404, "NOT_FOUND", "No route");
    assertGraphQLError(http.get("/graphiql/unknown.js"), 404, "NOT_FOUND", "No route");
  }

  @Test
  void aPlainOptionsRequestListsTheMethods() {
    HttpResponse<byte[]> response =
        http.send(
            http.request("/graphql")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .build());

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("allow")).hasValue("GET, POST, OPTIONS");
    assertThat(response.headers().firstValue("access-control-allow-origin")).isEmpty();
  }

  @Test
  void withoutCorsConfigNoCorsHeaderIsSent() {
    HttpResponse<byte[]> response =
        http.postJson("/graphql", "{\"query\":\"{ a }\"}", "origin", "https://evil.example");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("access-control-allow-origin")).isEmpty();
  }

  @Test
  void inFlightRequestsFinishDuringShutdown() throws Exception {
    java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> slow =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> http.postJson("/graphql", "{\"query\":\"{ slow }\"}"));
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (server.inFlight() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }
    assertThat(server.inFlight()).isEqualTo(1);

    server.shutdown(Duration.ofSeconds(5));

    HttpResponse<byte[]> response = slow.get(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(json(response).at("/data/echo/query").asText()).isEqualTo("{ slow }");
    long settle = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (server.inFlight() > 0 && System.nanoTime() < settle) {
      Thread.sleep(10);
    }
    assertThat(server.inFlight()).isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> http.get("/health"))
        .isInstanceOf(java.io.UncheckedIOException.class);
  }
}
