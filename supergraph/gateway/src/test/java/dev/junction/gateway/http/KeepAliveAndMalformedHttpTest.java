package dev.junction.gateway.http;

import static dev.junction.gateway.http.HttpTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.Gateway;
import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.config.CorsConfig;
import dev.junction.gateway.config.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Regressions found by {@link GatewayFuzzTest}: a keep-alive connection must keep answering after a
 * bodiless request (GET) or a refusal that did not read the body (415), and malformed percent
 * escapes or odd Accept / Content-Type values are 4xx GraphQL errors, not 500s.
 */
class KeepAliveAndMalformedHttpTest {
  private static final String QUERY = "{\"query\":\"{ product(id: \\\"prod-001\\\") { name } }\"}";
  private static StubSubgraph stub;
  private static Gateway gateway;
  private static GatewayHttpServer server;
  private static HttpTestClient http;

  @BeforeAll
  static void start() throws IOException {
    stub = StubSubgraph.start("{\"data\":{\"product\":{\"name\":\"Lamp\"}}}", exchange -> {});
    String sdl = Files.readString(Path.of("../supergraph.graphql"));
    gateway = Gateway.create(sdl, stub.routeAll(sdl, GatewayOptions.builder()).build());
    server =
        new GatewayHttpServer(
                gateway::execute,
                new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_REQUEST_BYTES, false),
                CorsConfig.disabled())
            .start();
    http = new HttpTestClient(server.port());
  }

  @AfterAll
  static void stop() {
    server.shutdown(Duration.ofSeconds(1));
    gateway.close();
    stub.close();
  }

  /** Before the fix the POST after a GET on the same connection hung within a few rounds. */
  @Test
  void aPostAfterAGetOnOneKeepAliveConnectionIsAnswered() throws IOException {
    byte[] post = QUERY.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(3000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (int i = 0; i < 60; i++) {
        String get =
            i % 2 == 0
                ? "/health"
                : "/graphql?query="
                    + HttpTestClient.encode("{ product(id: \"prod-001\") { name } }");
        out.write(
            ("GET " + get + " HTTP/1.1\r\nhost: x\r\napollo-require-preflight: true\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(statusOf(in)).as("GET %d", i).isEqualTo(200);
        out.write(
            ("POST /graphql HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\n"
                    + "content-length: "
                    + post.length
                    + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.write(post);
        out.flush();
        assertThat(statusOf(in)).as("POST after GET %d", i).isEqualTo(200);
      }
    }
  }

  /** Before the fix a 415 left its body unread and the next request on the connection hung. */
  @Test
  void aRequestAfterAnUnreadRefusedBodyIsAnswered() {
    String padded =
        QUERY.substring(0, QUERY.length() - 1) + ",\"pad\":\"" + "x".repeat(2000) + "\"}";
    for (int i = 0; i < 100; i++) {
      HttpResponse<byte[]> refused =
          http.send(
              http.request("/graphql")
                  .header("content-type", "multipart/form-data; boundary=x")
                  .header("apollo-require-preflight", "true")
                  .timeout(Duration.ofSeconds(3))
                  .POST(HttpRequest.BodyPublishers.ofString(padded))
                  .build());
      assertThat(refused.statusCode()).isEqualTo(415);
      HttpResponse<byte[]> ok =
          http.send(
              http.request("/graphql")
                  .header("content-type", "application/json")
                  .timeout(Duration.ofSeconds(3))
                  .POST(HttpRequest.BodyPublishers.ofString(padded))
                  .build());
      assertThat(ok.statusCode()).as("request %d after a 415", i).isEqualTo(200);
    }
  }

  @Test
  void malformedPercentEscapesAreBadRequests() throws IOException {
    for (String target :
        List.of(
            "/graphql?query=%zz",
            "/graphql?query=%", "/graphql?x=%c3%28&query=%", "/graphql/%zz")) {
      try (Socket socket = new Socket("127.0.0.1", server.port())) {
        socket.setSoTimeout(3000);
        socket
            .getOutputStream()
            .write(
                ("GET "
                        + target
                        + " HTTP/1.1\r\nhost: x\r\napollo-require-preflight: true\r\n"
                        + "connection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
        String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(answer).as(target).startsWith("HTTP/1.1 400 ");
        assertThat(answer).contains("\"code\":\"BAD_REQUEST\"").doesNotContain("INTERNAL");
      }
    }
  }

  @Test
  void acceptAndContentTypeOfOnlySeparatorsAreNotServerErrors() {
    for (String accept : List.of(";;;,,,", ";", ",", " ; , ;")) {
      HttpResponse<byte[]> response = http.postJson("/graphql", QUERY, "accept", accept);
      assertThat(response.statusCode()).as(accept).isEqualTo(200);
      assertThat(json(response).at("/data/product/name").asText()).isEqualTo("Lamp");
    }
    for (String type : List.of(";", ";;", " ; ")) {
      HttpResponse<byte[]> response =
          http.send(
              http.request("/graphql")
                  .header("content-type", type)
                  .header("apollo-require-preflight", "true")
                  .POST(HttpRequest.BodyPublishers.ofString(QUERY))
                  .build());
      assertThat(response.statusCode()).as(type).isEqualTo(415);
      assertThat(json(response).at("/errors/0/extensions/code").asText())
          .isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    }
  }

  /** Reads one response with a Content-Length from a kept-alive connection; returns its status. */
  private static int statusOf(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
      int c = in.read();
      if (c < 0) {
        throw new IOException("connection closed after " + head);
      }
      head.write(c);
    }
    String text = head.toString(StandardCharsets.ISO_8859_1);
    int length = 0;
    for (String line : text.split("\r\n")) {
      if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(line.substring("content-length:".length()).trim());
      }
    }
    in.readNBytes(length);
    return Integer.parseInt(text.split(" ")[1]);
  }
}
