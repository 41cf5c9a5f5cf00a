package dev.junction.gateway.http;

import static dev.junction.gateway.http.HttpTestClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.config.CorsConfig;
import dev.junction.gateway.config.ServerConfig;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GraphiQLTest {
  private static final List<String> CDN_HOSTS =
      List.of("unpkg.com", "jsdelivr", "cdnjs", "esm.sh", "googleapis", "skypack", "cdn.");

  private GatewayHttpServer server;

  private HttpTestClient start(boolean graphiql) {
    server =
        new GatewayHttpServer(
                new FakeEngine(),
                new ServerConfig("127.0.0.1", 0, 1024 * 1024, graphiql),
                CorsConfig.disabled())
            .start();
    return new HttpTestClient(server.port());
  }

  @AfterEach
  void stop() {
    server.shutdown(Duration.ofSeconds(1));
  }

  @Test
  void theRootServesTheOfflineGraphiqlPage() {
    HttpResponse<byte[]> page = start(true).get("/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("content-type")).hasValue("text/html; charset=utf-8");
    assertThat(page.headers().firstValue("cache-control")).hasValue("no-cache");
    assertThat(text(page))
        .contains("<script src=\"/graphiql/react.production.min.js\"></script>")
        .contains("<script src=\"/graphiql/react-dom.production.min.js\"></script>")
        .contains("<script src=\"/graphiql/graphiql.min.js\"></script>")
        .contains("href=\"/graphiql/graphiql.min.css\"")
        .contains("url: '/graphql'")
        .contains("subscriptionUrl:")
        .doesNotContain("http://")
        .doesNotContain("https://");
  }

  @Test
  void browsersOpeningGraphqlGetGraphiql() {
    HttpTestClient http = start(true);

    HttpResponse<byte[]> browser =
        http.get("/graphql", "accept", "text/html,application/xhtml+xml,*/*;q=0.8");
    HttpResponse<byte[]> client = http.get("/graphql", "accept", "application/json");

    assertThat(browser.statusCode()).isEqualTo(200);
    assertThat(text(browser)).contains("GraphiQL");
    assertThat(client.statusCode()).isEqualTo(400);
  }

  @ParameterizedTest
  @CsvSource({
    "graphiql.min.js, text/javascript; charset=utf-8",
    "react.production.min.js, text/javascript; charset=utf-8",
    "react-dom.production.min.js, text/javascript; charset=utf-8",
    "graphiql.min.css, text/css; charset=utf-8",
  })
  void assetsAreServedFromTheJarWithTheirContentType(String file, String type) throws Exception {
    HttpResponse<byte[]> asset = start(true).get("/graphiql/" + file);

    assertThat(asset.statusCode()).isEqualTo(200);
    assertThat(asset.headers().firstValue("content-type")).hasValue(type);
    assertThat(asset.headers().firstValue("cache-control")).hasValue("public, max-age=3600");
    assertThat(asset.headers().firstValue("etag")).isPresent();
    try (InputStream resource = getClass().getResourceAsStream("/graphiql/" + file)) {
      assertThat(asset.body()).isEqualTo(resource.readAllBytes());
    }
    String body = text(asset);
    for (String cdn : CDN_HOSTS) {
      assertThat(body).as("reference to %s", cdn).doesNotContain("//" + cdn);
    }
    assertThat(body).doesNotContainPattern("url\\(\\s*['\"]?https?:");
    assertThat(body).doesNotContainPattern("(?i)src=['\"]https?:");
  }

  @Test
  void anUnchangedAssetIsNotSentAgain() {
    HttpTestClient http = start(true);
    String etag = http.get("/graphiql/graphiql.min.css").headers().firstValue("etag").orElseThrow();

    HttpResponse<byte[]> again = http.get("/graphiql/graphiql.min.css", "if-none-match", etag);

    assertThat(again.statusCode()).isEqualTo(304);
    assertThat(again.body()).isEmpty();
  }

  @Test
  void graphiqlCanBeTurnedOff() {
    HttpTestClient http = start(false);

    assertThat(http.get("/").statusCode()).isEqualTo(404);
    assertThat(http.get("/graphiql/graphiql.min.js").statusCode()).isEqualTo(404);
    assertThat(http.get("/graphql", "accept", "text/html").statusCode()).isEqualTo(400);
  }
}
