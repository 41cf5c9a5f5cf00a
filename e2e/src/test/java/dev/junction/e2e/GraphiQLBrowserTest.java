package dev.junction.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.junction.subgraph.common.seed.SeedData;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GraphiQL in a real browser: the gateway runs as its own process ({@code java -jar}, with {@code
 * router-config/router.yaml} and the subgraph URLs from the environment), headless Chromium
 * (Debian's {@code chromium}, driven by {@code playwright-core} from npm) opens GraphiQL, types a
 * query, runs it and must see the result. The screenshot is saved as {@code
 * target/screenshots/graphiql.png}. Skipped, with a message, when Chromium or npm is missing.
 */
class GraphiQLBrowserTest {
  private static final String PLAYWRIGHT = "playwright-core@1.57.0";
  private static Process gatewayProcess;
  private static int gatewayPort;

  @BeforeAll
  static void startGateway() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"))),
        "SKIPPED: Chromium is not installed (apt-get install chromium); the GraphiQL browser test"
            + " did not run");
    LocalStack stack = LocalStack.shared();
    gatewayPort = LocalStack.freePort();
    Path logs = Path.of("target", "stack-logs");
    Files.createDirectories(logs);
    ProcessBuilder pb =
        new ProcessBuilder(
                LocalStack.javaBinary(),
                "-Xmx256m",
                "-jar",
                gatewayJar().toString(),
                "--supergraph",
                Path.of("..", "supergraph", "supergraph.graphql").toString(),
                "--config",
                Path.of("..", "router-config", "router.yaml").toString(),
                "--port",
                String.valueOf(gatewayPort))
            .redirectErrorStream(true)
            .redirectOutput(logs.resolve("gateway.log").toFile());
    for (String name : LocalStack.SUBGRAPHS) {
      pb.environment().put(name.toUpperCase() + "_URL", stack.url(name));
    }
    gatewayProcess = pb.start();
    awaitHealth();
  }

  @AfterAll
  static void stopGateway() throws InterruptedException {
    if (gatewayProcess != null) {
      gatewayProcess.destroy();
      if (!gatewayProcess.waitFor(10, TimeUnit.SECONDS)) {
        gatewayProcess.destroyForcibly();
      }
    }
  }

  @Test
  void typesAQueryInGraphiQLAndSeesTheResult() throws Exception {
    Path work = Path.of("target", "browser").toAbsolutePath();
    Files.createDirectories(work);
    Path modules = work.resolve("node_modules");
    if (!Files.isDirectory(modules.resolve("playwright-core"))) {
      int npm =
          run(
              List.of(
                  "npm",
                  "install",
                  "--no-save",
                  "--no-audit",
                  "--no-fund",
                  "--prefix",
                  work.toString(),
                  PLAYWRIGHT),
              300);
      assumeTrue(npm == 0, "SKIPPED: npm could not install " + PLAYWRIGHT);
    }
    SeedData.Product product = SeedData.products().get(4);
    Path query = work.resolve("query.graphql");
    Files.writeString(
        query,
        "{ product(id: \"" + product.id() + "\") { name sku stock { available } } }",
        StandardCharsets.UTF_8);
    Path screenshots = Path.of("target", "screenshots").toAbsolutePath();
    Files.createDirectories(screenshots);
    Path shot = screenshots.resolve("graphiql.png");
    Files.deleteIfExists(shot);
    Path output = work.resolve("result.txt");
    List<String> cmd = new ArrayList<>();
    cmd.add("node");
    cmd.add(Path.of("src", "test", "browser", "graphiql.mjs").toAbsolutePath().toString());
    cmd.add("http://127.0.0.1:" + gatewayPort + "/");
    cmd.add(shot.toString());
    cmd.add(query.toString());
    cmd.add(modules.toString());
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(output.toFile());
    Process p = pb.start();
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    String printed = Files.readString(output);
    assertThat(done).as("browser run finished in time; output:\n" + printed).isTrue();
    assertThat(p.exitValue()).as("browser run failed:\n" + printed).isZero();
    assertThat(printed).contains(product.name()).contains(product.sku()).contains("available");
    assertThat(shot).exists();
    assertThat(Files.size(shot)).isGreaterThan(10_000);
  }

  private static int run(List<String> cmd, int seconds) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(Path.of("target", "browser", "npm.log").toFile())
            .start();
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }

  private static Path gatewayJar() throws IOException {
    Path target = Path.of("..", "supergraph", "gateway", "target");
    try (DirectoryStream<Path> jars =
        Files.newDirectoryStream(target, "junction-gateway-*-exec.jar")) {
      for (Path p : jars) {
        return p;
      }
    }
    throw new IllegalStateException("no gateway jar in " + target);
  }

  private static void awaitHealth() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!gatewayProcess.isAlive()) {
        throw new IllegalStateException("gateway exited; see target/stack-logs/gateway.log");
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("gateway not healthy in time");
  }
}
