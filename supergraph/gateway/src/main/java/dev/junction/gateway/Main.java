package dev.junction.gateway;

import dev.junction.gateway.auth.Authenticator;
import dev.junction.gateway.auth.DevTokens;
import dev.junction.gateway.auth.JwtAuthenticator;
import dev.junction.gateway.config.CommandLine;
import dev.junction.gateway.config.ConfigException;
import dev.junction.gateway.config.RouterConfig;
import dev.junction.gateway.config.RouterConfigLoader;
import dev.junction.gateway.config.SupergraphConfig;
import dev.junction.gateway.config.SupergraphSubgraphs;
import dev.junction.gateway.http.GatewayHttpServer;
import dev.junction.gateway.http.GraphQLHandler;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Command line entry point: {@code java -jar junction-gateway.jar --supergraph <file> [--config
 * <file>] [--port N]}. Exit codes: 0 after a clean stop (SIGTERM / SIGINT), 1 for a bad config or
 * supergraph, 2 for bad arguments.
 */
public final class Main {
  static final String PROGRAM = "junction-gateway";
  static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);
  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: java -jar junction-gateway.jar --supergraph <file> [--config <file>] [--port <n>]",
          "",
          "  --supergraph <file>  supergraph SDL (overrides supergraph.path of the config)",
          "  --config <file>      router config, such as router-config/router.yaml",
          "                       (without it every setting has its default)",
          "  --port <n>           listen port (overrides server.listen of the config)",
          "  --help               print this help",
          "",
          "       java -jar junction-gateway.jar dev-token [--subject cust-001] [--keys <dir>]",
          "                       print a development bearer token (see dev-token --help)");

  private static final Logger log = LoggerFactory.getLogger(Main.class);

  private Main() {}

  /** Starts the gateway and serves until SIGTERM / SIGINT. */
  public static void main(String[] args) {
    // The gateway never blocks an event loop: one per available CPU (Reactor Netty's default of at
    // least four only adds context switches in a small container). -D overrides.
    if (System.getProperty("reactor.netty.ioWorkerCount") == null) {
      System.setProperty(
          "reactor.netty.ioWorkerCount",
          String.valueOf(Math.max(1, Runtime.getRuntime().availableProcessors())));
    }
    Running running;
    try {
      running = launch(args, System.out, System.err, System::getenv, Main::engine);
    } catch (Exit exit) {
      System.exit(exit.code());
      return;
    }
    if (running == null) {
      return; // --help
    }
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  running.stop();
                  // a signal would otherwise end the JVM with 128+signal; a drained stop is a
                  // success
                  Runtime.getRuntime().halt(0);
                },
                "junction-shutdown"));
    running.awaitStop();
  }

  /** Builds the real engine. */
  private static Engine engine(String sdl, GatewayOptions options) {
    return Gateway.create(sdl, options);
  }

  /**
   * Parses the arguments, loads config and supergraph, builds the engine and starts the server.
   *
   * @return the running gateway, or null when only help was asked for
   * @throws Exit with the process exit code, after printing one line (and the usage for 2)
   */
  public static Running launch(
      String[] args,
      PrintStream out,
      PrintStream err,
      Function<String, String> env,
      EngineFactory factory) {
    if (args.length > 0 && args[0].equals("dev-token")) {
      int code = DevTokens.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
      if (code != 0) {
        throw new Exit(code);
      }
      return null;
    }
    CommandLine arguments;
    try {
      arguments = CommandLine.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(PROGRAM + ": " + e.getMessage());
      err.println(USAGE);
      throw new Exit(2);
    }
    if (arguments.help()) {
      out.println(USAGE);
      return null;
    }
    RouterConfig config;
    try {
      config =
          arguments.config() == null
              ? RouterConfig.defaults()
              : new RouterConfigLoader(env).load(arguments.config());
    } catch (ConfigException e) {
      err.println(PROGRAM + ": " + e.getMessage());
      throw new Exit(1);
    }
    if (arguments.port() != null) {
      config = config.withServer(config.server().withPort(arguments.port()));
    }
    if (arguments.supergraph() != null) {
      config = config.withSupergraph(new SupergraphConfig(arguments.supergraph()));
    }
    Path supergraphPath = config.supergraph().path();
    if (supergraphPath == null) {
      err.println(PROGRAM + ": missing --supergraph <file> (or supergraph.path in the config)");
      err.println(USAGE);
      throw new Exit(2);
    }
    String sdl = readSupergraph(supergraphPath, err);
    try {
      SupergraphSubgraphs.check(config, SupergraphSubgraphs.names(sdl));
    } catch (ConfigException e) {
      err.println(PROGRAM + ": " + e.getMessage());
      throw new Exit(1);
    }
    PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Engine engine;
    try {
      engine = factory.create(sdl, config.toGatewayOptions(metrics));
    } catch (IllegalArgumentException e) {
      err.println(PROGRAM + ": invalid supergraph " + supergraphPath + ": " + oneLine(e));
      throw new Exit(1);
    } catch (RuntimeException e) {
      err.println(PROGRAM + ": cannot start the gateway: " + oneLine(e));
      throw new Exit(1);
    }
    Authenticator authenticator;
    try {
      authenticator = JwtAuthenticator.of(config.authentication(), metrics);
    } catch (RuntimeException e) {
      engine.close();
      err.println(PROGRAM + ": cannot set up authentication: " + oneLine(e));
      throw new Exit(1);
    }
    GatewayHttpServer server =
        new GatewayHttpServer(
            engine,
            config.server(),
            config.cors(),
            config.trafficShaping().maxInFlight(),
            metrics,
            config.csrf(),
            config.rateLimit(),
            authenticator);
    server.subscriptions(config.subscription());
    try {
      server.start();
    } catch (IllegalStateException e) {
      engine.close();
      authenticator.close();
      err.println(PROGRAM + ": " + oneLine(e));
      throw new Exit(1);
    }
    if (config.authentication().enabled()) {
      log.info(
          "Authentication: {} (tokens {})",
          authenticator,
          config.authentication().requireAuthentication() ? "required" : "optional");
    }
    String base = "http://" + urlHost(server.host()) + ":" + server.port();
    log.info(
        "Junction gateway listening on {}/graphql (GraphiQL: {})",
        base,
        config.server().graphiql() ? base + "/" : "disabled");
    return new Running(server, engine, authenticator);
  }

  private static String readSupergraph(Path path, PrintStream err) {
    try {
      String sdl = Files.readString(path, StandardCharsets.UTF_8);
      if (sdl.isBlank()) {
        err.println(PROGRAM + ": supergraph file " + path + " is empty");
        throw new Exit(1);
      }
      return sdl;
    } catch (NoSuchFileException e) {
      err.println(PROGRAM + ": cannot read supergraph " + path + ": no such file");
      throw new Exit(1);
    } catch (IOException e) {
      err.println(PROGRAM + ": cannot read supergraph " + path + ": " + e.getMessage());
      throw new Exit(1);
    }
  }

  private static String urlHost(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.replaceAll("\\s+", " ").trim();
  }

  /** The engine as the CLI sees it: a handler that must be closed. */
  public interface Engine extends GraphQLHandler, AutoCloseable {
    @Override
    void close();
  }

  /** Builds the engine from the supergraph SDL and options ({@code Gateway::create}). */
  @FunctionalInterface
  public interface EngineFactory {
    Engine create(String supergraphSdl, GatewayOptions options);
  }

  /** Ends {@link #launch} with a process exit code. */
  public static final class Exit extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;

    Exit(int code) {
      super("exit " + code, null, false, false);
      this.code = code;
    }

    /** The process exit code. */
    public int code() {
      return code;
    }
  }

  /** A started gateway: server plus engine. */
  public static final class Running {
    private final GatewayHttpServer server;
    private final Engine engine;
    private final Authenticator authenticator;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();

    Running(GatewayHttpServer server, Engine engine, Authenticator authenticator) {
      this.server = server;
      this.engine = engine;
      this.authenticator = authenticator;
    }

    /** The HTTP server (for its bound port). */
    public GatewayHttpServer server() {
      return server;
    }

    /** Stops accepting, drains in-flight requests, closes the engine. Idempotent. */
    public void stop() {
      if (!stopping.compareAndSet(false, true)) {
        return;
      }
      try {
        server.shutdown(SHUTDOWN_GRACE);
        engine.close();
        authenticator.close();
        log.info("Junction gateway stopped");
      } finally {
        stopped.countDown();
      }
    }

    /** Waits (on the calling thread) until {@link #stop()} has finished. */
    public void awaitStop() {
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
