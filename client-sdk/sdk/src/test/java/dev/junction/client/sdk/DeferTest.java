package dev.junction.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.junction.client.GraphQLClient;
import dev.junction.client.GraphQLResult;
import dev.junction.client.transport.InvalidResponseException;
import dev.junction.client.transport.JdkHttpTransport;
import dev.junction.client.transport.OkHttpTransport;
import dev.junction.client.transport.Transport;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** A generated {@code @defer} query against a real HTTP server streaming multipart/mixed. */
class DeferTest {
  private static final String PRIMARY =
      "{\"data\":{\"customer\":{\"id\":\"c-1\",\"name\":\"Ada\"}},\"hasNext\":true}";
  private static final String LOYALTY =
      "{\"incremental\":[{\"data\":{\"loyalty\":{\"points\":120}},\"path\":[\"customer\"],"
          + "\"label\":\"loyalty\"}],\"hasNext\":true}";
  private HttpServer server;
  private final List<String> accepts = new CopyOnWriteArrayList<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile List<String> parts = List.of();
  private volatile boolean plain;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/graphql", this::handle);
    server.start();
  }

  @AfterEach
  void stop() {
    release.countDown();
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    accepts.add(exchange.getRequestHeaders().getFirst("Accept"));
    exchange.getRequestBody().readAllBytes();
    if (plain) {
      byte[] body =
          ("{\"data\":{\"customer\":{\"id\":\"c-1\",\"name\":\"Ada\","
                  + "\"loyalty\":{\"points\":7}}}}")
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
      return;
    }
    exchange
        .getResponseHeaders()
        .add("Content-Type", "multipart/mixed;boundary=\"graphql\";deferSpec=20220824");
    exchange.sendResponseHeaders(200, 0);
    OutputStream out = exchange.getResponseBody();
    try {
      for (int i = 0; i < parts.size(); i++) {
        if (i == 1 && !release.await(5, TimeUnit.SECONDS)) {
          break;
        }
        out.write(
            ("\r\n--graphql\r\ncontent-type: application/json; charset=utf-8\r\n\r\n"
                    + parts.get(i))
                .getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
      out.write("\r\n--graphql--\r\n".getBytes(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  static Stream<String> adapters() {
    return Stream.of("jdk", "okhttp");
  }

  private GraphQLClient client(String adapter) {
    Transport transport =
        adapter.equals("jdk")
            ? new JdkHttpTransport(Duration.ofSeconds(2))
            : new OkHttpTransport(Duration.ofSeconds(2));
    return GraphQLClient.builder(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/graphql"))
        .transport(transport)
        .build();
  }

  private static CustomerLoyaltyQuery query() {
    return CustomerLoyaltyQuery.builder().id("c-1").build();
  }

  @ParameterizedTest
  @MethodSource("adapters")
  void thePrimaryPartComesFirstAndTheDeferredPartCompletesItsFuture(String adapter)
      throws Exception {
    parts = List.of(PRIMARY, LOYALTY, "{\"hasNext\":false}");
    GraphQLResult<CustomerLoyaltyQuery.Data> result = client(adapter).execute(query());

    assertThat(accepts).containsExactly("multipart/mixed;deferSpec=20220824, application/json");
    CustomerLoyaltyQuery.Data.Customer customer = result.data().customer();
    assertThat(customer.name()).isEqualTo("Ada");
    CompletableFuture<GraphQLResult<CustomerLoyaltyQuery.Data.Customer.LoyaltyDeferred>> loyalty =
        customer.loyaltyDeferred();
    Thread.sleep(100);
    assertThat(loyalty).as("the deferred part is held back by the server").isNotDone();

    release.countDown();
    GraphQLResult<CustomerLoyaltyQuery.Data.Customer.LoyaltyDeferred> part =
        loyalty.get(5, TimeUnit.SECONDS);
    assertThat(part.data().loyalty().points()).isEqualTo(120);
    assertThat(part.errors()).isEmpty();
  }

  @Test
  void aDeferredPartWithErrorsCarriesThem() throws Exception {
    release.countDown();
    parts =
        List.of(
            PRIMARY,
            "{\"incremental\":[{\"data\":null,\"path\":[\"customer\"],\"label\":\"loyalty\","
                + "\"errors\":[{\"message\":\"loyalty down\",\"path\":[\"customer\",\"loyalty\"],"
                + "\"extensions\":{\"code\":\"SUBGRAPH_UNAVAILABLE\"}}]}],\"hasNext\":false}");
    GraphQLResult<CustomerLoyaltyQuery.Data.Customer.LoyaltyDeferred> part =
        client("jdk").execute(query()).data().customer().loyaltyDeferred().get(5, TimeUnit.SECONDS);
    assertThat(part.data()).isNull();
    assertThat(part.errors()).extracting(e -> e.code()).containsExactly("SUBGRAPH_UNAVAILABLE");
  }

  @Test
  void aStreamEndingWithoutTheDeferredPartFailsItsFuture() throws Exception {
    release.countDown();
    parts = List.of(PRIMARY, "{\"hasNext\":false}");
    CompletableFuture<?> loyalty =
        client("jdk").execute(query()).data().customer().loyaltyDeferred();
    assertThatThrownBy(() -> loyalty.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(InvalidResponseException.class)
        .hasMessageContaining("without the deferred fragment 'loyalty' at data.customer");
  }

  @ParameterizedTest
  @MethodSource("adapters")
  void aServerThatDoesNotStreamAnswersInOnePiece(String adapter) throws Exception {
    plain = true;
    CompletableFuture<GraphQLResult<CustomerLoyaltyQuery.Data.Customer.LoyaltyDeferred>> loyalty =
        client(adapter).execute(query()).data().customer().loyaltyDeferred();
    assertThat(loyalty).isDone();
    assertThat(loyalty.get().data().loyalty().points()).isEqualTo(7);
  }
}
