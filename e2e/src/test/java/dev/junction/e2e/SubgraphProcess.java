package dev.junction.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One subgraph as its own process beside the shared {@link LocalStack} (its own in-memory database
 * and seed data), for a test that changes its configuration or kills it without touching the stack
 * other tests use. Logs go to {@code target/stack-logs/<logName>}.
 */
final class SubgraphProcess implements AutoCloseable {
  private final Process process;
  final int port;

  private SubgraphProcess(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  /** Starts {@code name}'s jar on a free port with {@code args} (the stack's secret added). */
  static SubgraphProcess start(String name, String logName, List<String> args) throws Exception {
    int port = LocalStack.freePort();
    Path logs = Path.of("target", "stack-logs");
    Files.createDirectories(logs);
    List<String> cmd = new ArrayList<>();
    cmd.add(LocalStack.javaBinary());
    cmd.addAll(List.of("-Xmx192m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k"));
    cmd.addAll(List.of("-jar", LocalStack.jar(name).toString(), "--server.port=" + port));
    cmd.add("--junction.subgraph-auth.secret=" + LocalStack.SECRET);
    cmd.addAll(args);
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(logs.resolve(logName).toFile())
            .start();
    SubgraphProcess sub = new SubgraphProcess(p, port);
    try {
      sub.awaitHealthy(logName);
    } catch (Exception e) {
      sub.close();
      throw e;
    }
    return sub;
  }

  String url() {
    return "http://localhost:" + port + "/graphql";
  }

  /** Kills the process at once (SIGKILL: no shutdown hook, no close frame), as a crash would. */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  private void awaitHealthy(String logName) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("exited; see target/stack-logs/" + logName);
      }
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                    .timeout(Duration.ofSeconds(2))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200 && r.body().contains("\"UP\"")) {
          return;
        }
      } catch (IOException e) {
        // not up yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException(logName + " not healthy in time");
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
