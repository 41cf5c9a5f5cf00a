package dev.junction.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The gateway as its own process ({@code java -jar} of the exec jar) in front of the stack. */
final class GatewayProcess implements AutoCloseable {
  private final Process process;
  final int port;

  private GatewayProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts the gateway with a config file; subgraph URLs come from {@code <NAME>_URL}. */
  static GatewayProcess start(LocalStack stack, Path config, String logName) throws Exception {
    return start(stack, config, logName, java.util.Map.of());
  }

  /**
   * Starts the gateway with a config file and extra environment variables, which may override a
   * subgraph's {@code <NAME>_URL} (to point it at a dedicated process or a proxy).
   */
  static GatewayProcess start(
      LocalStack stack, Path config, String logName, java.util.Map<String, String> env)
      throws Exception {
    int port = LocalStack.freePort();
    Path logs = Path.of("target", "stack-logs");
    Files.createDirectories(logs);
    ProcessBuilder pb =
        new ProcessBuilder(
                LocalStack.javaBinary(),
                "-Xmx256m",
                "-jar",
                jar().toString(),
                "--supergraph",
                Path.of("..", "supergraph", "supergraph.graphql").toString(),
                "--config",
                config.toString(),
                "--port",
                String.valueOf(port))
            .redirectErrorStream(true)
            .redirectOutput(logs.resolve(logName).toFile());
    for (String name : LocalStack.SUBGRAPHS) {
      pb.environment().put(name.toUpperCase() + "_URL", stack.url(name));
    }
    // router-config/router.yaml reads it (subgraph_auth.all.secret); other configs add the section
    pb.environment().put("JUNCTION_SUBGRAPH_SECRET", LocalStack.SECRET);
    pb.environment().putAll(env);
    GatewayProcess gateway = new GatewayProcess(pb.start(), port);
    try {
      gateway.awaitHealth(logName);
    } catch (Exception e) {
      gateway.close();
      throw e;
    }
    return gateway;
  }

  /** The operating system's process id (for {@code /proc/<pid>}). */
  long pid() {
    return process.pid();
  }

  String url() {
    return "http://127.0.0.1:" + port + "/graphql";
  }

  private void awaitHealth(String logName) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("gateway exited; see target/stack-logs/" + logName);
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
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

  static Path jar() throws IOException {
    return LocalStack.findJar(
        Path.of("..", "supergraph", "gateway", "target"), "junction-gateway-*-exec.jar");
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
