package dev.junction.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The stack exactly as a newcomer starts it: {@code ./run-local.sh} (fixed ports, its own arguments
 * and defaults), and the README's own {@code placeOrder} mutation, read from README.md, sent to the
 * gateway it prints. Issue 21: the mutation failed once the subgraphs' R2DBC pools had retired the
 * connections of start-up (30 minutes idle by default, so about an hour in); here the pools retire
 * connections after one or two seconds (through Spring Boot's environment variables, which the
 * script passes on), and the mutation is sent well past that point, twice.
 */
class RunLocalScriptTest {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final List<Integer> PORTS =
      List.of(4000, 4001, 4002, 4003, 4004, 4005, 4006, 4015);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static Process script;
  private static Path log;
  private static String token;
  private static String adminToken;

  @BeforeAll
  static void start() throws Exception {
    for (int port : PORTS) {
      assumeTrue(free(port), "port " + port + " is in use, so ./run-local.sh cannot start here");
    }
    Path dir = Path.of("target", "run-local");
    Files.createDirectories(dir);
    log = dir.resolve("run-local.log").toAbsolutePath();
    ProcessBuilder pb =
        new ProcessBuilder("bash", ROOT.resolve("run-local.sh").toString())
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("SPRING_R2DBC_POOL_MAX_IDLE_TIME", "1s");
    pb.environment().put("SPRING_R2DBC_POOL_MAX_LIFE_TIME", "2s");
    script = pb.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
    while (!Files.readString(log).contains("GraphiQL: http://localhost:4000/")) {
      if (!script.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "./run-local.sh did not print the GraphiQL URL; its output:\n" + Files.readString(log));
      }
      Thread.sleep(250);
    }
    // The dev token follows the GraphiQL URL: customer data and placeOrder need it; the admin
    // token after it (scope admin) serves the warm-up, which reads another customer's order.
    token = awaitToken("A dev token for cust-001[^\\n]*\\n[^\\n]*\\n", "a dev token", deadline);
    adminToken = awaitToken("An admin token[^\\n]*\\n", "an admin token", deadline);
  }

  /** The token the script prints after {@code lead}, waiting for it until {@code deadline}. */
  private static String awaitToken(String lead, String what, long deadline) throws Exception {
    Pattern pattern = Pattern.compile(lead + "\\s*(eyJ[\\w-]+\\.[\\w-]+\\.[\\w-]+)");
    Matcher m = pattern.matcher(Files.readString(log));
    while (!m.find()) {
      if (!script.isAlive() || System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "./run-local.sh did not print " + what + "; its output:\n" + Files.readString(log));
      }
      Thread.sleep(100);
      m = pattern.matcher(Files.readString(log));
    }
    return m.group(1);
  }

  @AfterAll
  static void stop() throws Exception {
    if (script == null) {
      return;
    }
    List<ProcessHandle> children = script.descendants().toList();
    script.destroy(); // SIGTERM: the script's trap stops what it started
    if (!script.waitFor(30, TimeUnit.SECONDS)) {
      script.destroyForcibly();
    }
    for (ProcessHandle child : children) {
      child.destroyForcibly();
    }
  }

  @Test
  void theReadmePlaceOrderConfirmsTheOrderPastTheConnectionsLifetime() throws Exception {
    String mutation = readmeMutation();
    for (int round = 0; round < 2; round++) {
      // past every connection's life; a query touches orders, inventory, payments and shipping,
      // whose next acquire retires what start-up opened
      Thread.sleep(4_000);
      JsonNode warm =
          post(
              "{ order(id: \"ord-0001\") { id payment { status } shipment { status }"
                  + " lines { product { stock { available } } } } }",
              adminToken);
      assertThat(warm.path("errors").isMissingNode()).as(warm.toString()).isTrue();
      Thread.sleep(300);

      String key = "readme-" + round + "-" + UUID.randomUUID();
      JsonNode response = post(mutation.replace("\"demo-1\"", "\"" + key + "\""));
      assertThat(response.path("errors").isMissingNode()).as(response.toString()).isTrue();
      JsonNode order = response.path("data").path("placeOrder");
      assertThat(order.path("id").asText()).as(response.toString()).startsWith("ord-");
      assertThat(order.path("status").asText()).as(response.toString()).isEqualTo("CONFIRMED");
      assertThat(order.path("saga").path("status").asText()).isEqualTo("COMPLETED");
      JsonNode steps = order.path("saga").path("steps");
      assertThat(steps.size()).isEqualTo(6);
      for (JsonNode step : steps) {
        assertThat(step.path("status").asText()).as(step.toString()).isEqualTo("SUCCEEDED");
      }
    }
  }

  @Test
  void theSubgraphsRefuseCallsWithoutTheCallerCredential() throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:4003/graphql"))
            .timeout(Duration.ofSeconds(10))
            .header("content-type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"query\":\"mutation { releaseStock(orderId: \\\"ord-0001\\\") { status } }\"}"))
            .build();
    HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(401);
    assertThat(
            JSON.readTree(r.body()).path("errors").path(0).path("extensions").path("code").asText())
        .isEqualTo("UNAUTHENTICATED");
  }

  /** The {@code placeOrder} mutation the README tells a newcomer to try. */
  static String readmeMutation() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    Matcher m =
        Pattern.compile("`(mutation \\{ placeOrder\\(idempotencyKey: \"demo-1\"[^`]*)`")
            .matcher(readme);
    assertThat(m.find()).as("README.md shows a placeOrder mutation with key demo-1").isTrue();
    return m.group(1);
  }

  private static JsonNode post(String query) throws Exception {
    return post(query, token);
  }

  private static JsonNode post(String query, String bearer) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:4000/graphql"))
            .timeout(Duration.ofSeconds(60))
            .header("content-type", "application/json")
            .header("authorization", "Bearer " + bearer)
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JSON.writeValueAsString(Map.of("query", query))))
            .build();
    HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket(port)) {
      s.setReuseAddress(true);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
