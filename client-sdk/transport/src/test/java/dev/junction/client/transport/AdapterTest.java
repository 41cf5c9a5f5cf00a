package dev.junction.client.transport;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both adapters: status, headers and body pass through; failures map to typed exceptions. */
class AdapterTest {
  static WireMockServer server;

  @BeforeAll
  static void start() {
    server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  static Transport adapter(String name) {
    return name.equals("jdk")
        ? new JdkHttpTransport(Duration.ofMillis(500))
        : new OkHttpTransport(Duration.ofMillis(500));
  }

  static TransportRequest request(URI uri, Duration timeout) {
    return new TransportRequest(
        uri,
        Map.of("X-Test", "yes"),
        "{\"query\":\"{a}\"}".getBytes(StandardCharsets.UTF_8),
        timeout);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "okhttp"})
  void passesStatusHeadersAndBodyThrough(String name) {
    server.resetAll();
    server.stubFor(
        post(urlEqualTo("/echo"))
            .willReturn(
                aResponse().withStatus(503).withHeader("Retry-After", "4").withBody("busy")));

    TransportResponse response =
        adapter(name).send(request(URI.create(server.baseUrl() + "/echo"), Duration.ofSeconds(2)));

    assertThat(response.status()).isEqualTo(503);
    assertThat(response.retryAfter()).contains(Duration.ofSeconds(4));
    assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("busy");
    server.verify(1, postRequestedFor(urlEqualTo("/echo")).withHeader("X-Test", equalTo("yes")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "okhttp"})
  void refusedConnectionIsAConnectError(String name) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    URI closed = URI.create("http://127.0.0.1:" + port + "/graphql");
    assertThatThrownBy(() -> adapter(name).send(request(closed, Duration.ofSeconds(2))))
        .isInstanceOf(TransportConnectException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"jdk", "okhttp"})
  void slowResponseIsATimeout(String name) {
    server.resetAll();
    server.stubFor(
        post(urlEqualTo("/slow")).willReturn(aResponse().withFixedDelay(2000).withBody("{}")));
    server.stubFor(post(urlEqualTo("/fast")).willReturn(aResponse().withBody("{}")));
    Transport transport = adapter(name);
    // warm-up: class loading and connection set-up are not part of the measured call
    transport.send(request(URI.create(server.baseUrl() + "/fast"), Duration.ofSeconds(5)));
    long start = System.nanoTime();
    assertThatThrownBy(
            () ->
                transport.send(
                    request(URI.create(server.baseUrl() + "/slow"), Duration.ofMillis(200))))
        .isInstanceOf(TransportTimeoutException.class);
    assertThat((System.nanoTime() - start) / 1_000_000).isBetween(150L, 1500L);
  }
}
