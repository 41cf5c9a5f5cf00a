package dev.junction.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.GatewayResponse;
import dev.junction.gateway.Main;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

/** The command line end to end, with a fake engine factory in place of {@code Gateway::create}. */
class MainLaunchTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private final AtomicReference<String> sdlSeen = new AtomicReference<>();
  private final AtomicReference<GatewayOptions> optionsSeen = new AtomicReference<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private Path supergraph;

  private final Main.EngineFactory fakeFactory =
      (sdl, options) -> {
        sdlSeen.set(sdl);
        optionsSeen.set(options);
        FakeEngine engine = new FakeEngine();
        return new Main.Engine() {
          @Override
          public Mono<GatewayResponse> execute(GatewayRequest request) {
            return engine.execute(request);
          }

          @Override
          public void close() {
            closed.set(true);
          }
        };
      };

  @BeforeEach
  void files() throws Exception {
    supergraph = dir.resolve("supergraph.graphql");
    Files.writeString(supergraph, "schema { query: Query } type Query { a: String }");
  }

  private Main.Running launch(Map<String, String> env, String... args) {
    return Main.launch(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8),
        env::get,
        fakeFactory);
  }

  private int exitCode(String... args) {
    try {
      launch(Map.of(), args);
    } catch (Main.Exit exit) {
      return exit.code();
    }
    throw new AssertionError("expected an exit");
  }

  private String stderr() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void startsServesAndStopsCleanly() throws Exception {
    Path config = dir.resolve("router.yaml");
    Files.writeString(
        config,
        "server:\n  listen: 127.0.0.1:4999\nintrospection: ${env.INTROSPECTION:-true}\n"
            + "subgraphs:\n  a:\n    routing_url: http://localhost:1/graphql\n");

    Main.Running running =
        launch(
            Map.of("INTROSPECTION", "false"),
            "--supergraph",
            supergraph.toString(),
            "--config",
            config.toString(),
            "--port",
            "0");
    try {
      int port = running.server().port();
      assertThat(port).isNotEqualTo(4999).isPositive();
      HttpTestClient http = new HttpTestClient(port);
      HttpResponse<byte[]> response = http.postJson("/graphql", "{\"query\":\"{ a }\"}");
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(sdlSeen.get()).contains("type Query");
      assertThat(optionsSeen.get().introspection()).isFalse();
      assertThat(optionsSeen.get().subgraphUrls()).containsEntry("a", "http://localhost:1/graphql");
    } finally {
      running.stop();
    }
    running.awaitStop();
    assertThat(closed).isTrue();
    assertThat(stderr()).isEmpty();
  }

  @Test
  void helpPrintsTheUsage() {
    assertThat(launch(Map.of(), "--help")).isNull();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("Usage: java -jar junction-gateway.jar --supergraph <file>");
  }

  @Test
  void badFlagsPrintTheUsageAndExit2() {
    assertThat(exitCode("--supergraph", supergraph.toString(), "--verbose")).isEqualTo(2);
    assertThat(stderr())
        .startsWith("junction-gateway: unknown option '--verbose'")
        .contains("Usage:");
  }

  @Test
  void aMissingSupergraphIsAUsageError() {
    assertThat(exitCode()).isEqualTo(2);
    assertThat(stderr())
        .startsWith(
            "junction-gateway: missing --supergraph <file> (or supergraph.path in the config)");
  }

  @Test
  void aBadConfigIsOneLineAndExit1() throws Exception {
    Path config = dir.resolve("router.yaml");
    Files.writeString(config, "cors:\n  max_age: ten\n");

    assertThat(exitCode("--supergraph", supergraph.toString(), "--config", config.toString()))
        .isEqualTo(1);
    assertThat(stderr())
        .isEqualTo(
            "junction-gateway: cors.max_age: expected a duration like 10s, got 'ten'"
                + System.lineSeparator());
  }

  @Test
  void aConfigNamingAnUnknownSubgraphIsOneLineAndExit1() throws Exception {
    Files.writeString(
        supergraph,
        "enum join__Graph { A @join__graph(name: \"a\", url: \"http://a\") }"
            + " type Query { a: String }");
    Path config = dir.resolve("router.yaml");
    Files.writeString(config, "subgraphs:\n  b:\n    routing_url: http://b/graphql\n");

    assertThat(exitCode("--supergraph", supergraph.toString(), "--config", config.toString()))
        .isEqualTo(1);
    assertThat(stderr())
        .isEqualTo(
            "junction-gateway: subgraphs.b: the supergraph has no subgraph named 'b' (subgraphs:"
                + " a)"
                + System.lineSeparator());
  }

  @Test
  void anUnreadableSupergraphIsOneLineAndExit1() {
    Path missing = dir.resolve("nope.graphql");

    assertThat(exitCode("--supergraph", missing.toString())).isEqualTo(1);
    assertThat(stderr())
        .isEqualTo(
            "junction-gateway: cannot read supergraph "
                + missing
                + ": no such file"
                + System.lineSeparator());
  }

  @Test
  void anInvalidSupergraphIsOneLineAndExit1() {
    Main.EngineFactory refusing =
        (sdl, options) -> {
          throw new IllegalArgumentException("not a supergraph:\n no @join__graph");
        };

    assertThatThrownBy(
            () ->
                Main.launch(
                    new String[] {"--supergraph", supergraph.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8),
                    name -> null,
                    refusing))
        .isInstanceOfSatisfying(Main.Exit.class, exit -> assertThat(exit.code()).isEqualTo(1));
    assertThat(stderr())
        .isEqualTo(
            "junction-gateway: invalid supergraph "
                + supergraph
                + ": not a supergraph: no @join__graph"
                + System.lineSeparator());
  }

  @Test
  void aPortInUseIsOneLineAndExit1() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      Path config = dir.resolve("router.yaml");
      Files.writeString(config, "server:\n  listen: 127.0.0.1:" + taken.getLocalPort() + "\n");

      assertThat(exitCode("--supergraph", supergraph.toString(), "--config", config.toString()))
          .isEqualTo(1);
    }
    assertThat(stderr()).startsWith("junction-gateway: cannot listen on 127.0.0.1:");
    assertThat(stderr().lines()).hasSize(1);
    assertThat(closed).isTrue();
  }
}
