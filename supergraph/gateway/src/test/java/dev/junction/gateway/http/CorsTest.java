package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.config.CorsConfig;
import dev.junction.gateway.config.ServerConfig;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CorsTest {
  private GatewayHttpServer server;

  private HttpTestClient start(CorsConfig cors) {
    server =
        new GatewayHttpServer(
                new FakeEngine(), new ServerConfig("127.0.0.1", 0, 1024 * 1024, false), cors)
            .start();
    return new HttpTestClient(server.port());
  }

  @AfterEach
  void stop() {
    server.shutdown(Duration.ofSeconds(1));
  }

  private static CorsConfig appOrigin(boolean credentials) {
    return new CorsConfig(
        List.of("https://app.example.com"),
        credentials,
        List.of("GET", "POST", "OPTIONS"),
        List.of(),
        Duration.ofMinutes(10));
  }

  private static HttpResponse<byte[]> preflight(
      HttpTestClient http, String origin, String method, String headers) {
    HttpRequest.Builder request =
        http.request("/graphql")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("origin", origin)
            .header("access-control-request-method", method);
    if (headers != null) {
      request.header("access-control-request-headers", headers);
    }
    return http.send(request.build());
  }

  @Test
  void aPreflightFromAnAllowedOriginIsAnswered() {
    HttpTestClient http = start(appOrigin(true));

    HttpResponse<byte[]> response =
        preflight(http, "https://app.example.com", "POST", "content-type, authorization");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("access-control-allow-origin"))
        .hasValue("https://app.example.com");
    assertThat(response.headers().firstValue("access-control-allow-methods"))
        .hasValue("GET, POST, OPTIONS");
    assertThat(response.headers().firstValue("access-control-allow-headers"))
        .hasValue("content-type, authorization");
    assertThat(response.headers().firstValue("access-control-allow-credentials")).hasValue("true");
    assertThat(response.headers().firstValue("access-control-max-age")).hasValue("600");
    assertThat(response.headers().firstValue("vary")).hasValueSatisfying(v -> v.contains("Origin"));
  }

  @Test
  void configuredAllowHeadersReplaceTheRequestedOnes() {
    HttpTestClient http =
        start(
            new CorsConfig(
                List.of("https://app.example.com"),
                false,
                List.of("POST"),
                List.of("content-type"),
                null));

    HttpResponse<byte[]> response =
        preflight(http, "https://app.example.com", "POST", "content-type, x-other");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(response.headers().firstValue("access-control-allow-headers"))
        .hasValue("content-type");
    assertThat(response.headers().firstValue("access-control-max-age")).isEmpty();
    assertThat(response.headers().firstValue("access-control-allow-credentials")).isEmpty();
  }

  @Test
  void aPreflightFromAnotherOriginOrForAnotherMethodIsRefused() {
    HttpTestClient http = start(appOrigin(false));

    for (HttpResponse<byte[]> response :
        List.of(
            preflight(http, "https://evil.example.com", "POST", null),
            preflight(http, "https://app.example.com", "DELETE", null))) {
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.headers().firstValue("access-control-allow-origin")).isEmpty();
      assertThat(HttpTestClient.json(response).at("/errors/0/extensions/code").asText())
          .isEqualTo("FORBIDDEN");
    }
  }

  @Test
  void actualRequestsFromAnAllowedOriginGetTheAllowOriginHeader() {
    HttpTestClient http = start(appOrigin(true));

    HttpResponse<byte[]> allowed =
        http.postJson("/graphql", "{\"query\":\"{ a }\"}", "origin", "https://app.example.com");
    HttpResponse<byte[]> other =
        http.postJson("/graphql", "{\"query\":\"{ a }\"}", "origin", "https://evil.example.com");

    assertThat(allowed.statusCode()).isEqualTo(200);
    assertThat(allowed.headers().firstValue("access-control-allow-origin"))
        .hasValue("https://app.example.com");
    assertThat(allowed.headers().firstValue("access-control-allow-credentials")).hasValue("true");
    assertThat(allowed.headers().allValues("vary")).anyMatch(v -> v.contains("Origin"));
    assertThat(other.statusCode()).isEqualTo(200);
    assertThat(other.headers().firstValue("access-control-allow-origin")).isEmpty();
  }

  @Test
  void anyOriginAnswersWithAStar() {
    HttpTestClient http =
        start(new CorsConfig(List.of("*"), false, List.of("GET", "POST"), List.of(), null));

    HttpResponse<byte[]> response = http.get("/health", "origin", "https://whatever.example.org");
    HttpResponse<byte[]> preflight = preflight(http, "https://x.example", "GET", null);

    assertThat(response.headers().firstValue("access-control-allow-origin")).hasValue("*");
    assertThat(preflight.statusCode()).isEqualTo(204);
    assertThat(preflight.headers().firstValue("access-control-allow-origin")).hasValue("*");
  }
}
