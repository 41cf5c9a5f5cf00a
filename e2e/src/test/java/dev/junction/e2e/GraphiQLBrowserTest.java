package dev.junction.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.junction.subgraph.common.seed.SeedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
  private static GatewayProcess gateway;
  private static int gatewayPort;

  @BeforeAll
  static void startGateway() throws Exception {
    assumeTrue(
        Files.isExecutable(Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"))),
        "SKIPPED: Chromium is not installed (apt-get install chromium); the GraphiQL browser test"
            + " did not run");
    LocalStack stack = LocalStack.shared();
    gateway =
        GatewayProcess.start(stack, Path.of("..", "router-config", "router.yaml"), "gateway.log");
    gatewayPort = gateway.port;
  }

  @AfterAll
  static void stopGateway() {
    if (gateway != null) {
      gateway.close();
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
}
