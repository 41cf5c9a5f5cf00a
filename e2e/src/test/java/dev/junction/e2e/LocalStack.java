package dev.junction.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The six subgraphs as real processes ({@code java -jar} of their packaged jars) on free ports,
 * each with its embedded H2 database and seed data. Logs go to {@code target/stack-logs/}.
 */
final class LocalStack implements AutoCloseable {
  static final List<String> SUBGRAPHS =
      List.of("accounts", "catalog", "inventory", "orders", "payments", "shipping");
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final Map<String, ProcessBuilder> builders = new LinkedHashMap<>();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static LocalStack shared;

  /**
   * The caller credential's secret of this JVM's stacks (random per run): every subgraph is started
   * with it, so the tests run with trusted calls on.
   */
  static final String SECRET = randomSecret();

  private static String randomSecret() {
    byte[] bytes = new byte[32];
    new java.security.SecureRandom().nextBytes(bytes);
    return java.util.HexFormat.of().formatHex(bytes);
  }

  /** The gateway's caller credential for this stack (for in-process gateways). */
  static dev.junction.gateway.auth.SubgraphCredentials gatewayCredentials() {
    return new dev.junction.gateway.auth.SubgraphCredentials(
        SECRET, Map.of(), java.time.Clock.systemUTC());
  }

  /**
   * A caller token for a direct call to {@code subgraph} by a Junction service ({@code iss} {@code
   * service}) for the end user {@code userId} (null: none).
   */
  static String callerToken(String service, String subgraph, String userId, String... scopes) {
    return new dev.junction.subgraph.common.trust.CallerTokens(SECRET, java.time.Clock.systemUTC())
        .mint(service, subgraph, userId, java.util.Set.of(scopes));
  }

  /**
   * The stack shared by every test class of this JVM: started on first use, stopped when the JVM
   * exits (six Spring Boot processes take a while to start; tests do not change their data).
   */
  static synchronized LocalStack shared() throws Exception {
    if (shared == null) {
      shared = start();
      LocalStack s = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(s::close));
    }
    return shared;
  }

  static LocalStack start() throws Exception {
    LocalStack stack = new LocalStack();
    try {
      Path logs = Path.of("target", "stack-logs");
      Files.createDirectories(logs);
      for (String name : SUBGRAPHS) {
        stack.ports.put(name, freePort());
      }
      int providerPort = freePort();
      for (String name : SUBGRAPHS) {
        List<String> args = new ArrayList<>();
        if (name.equals("orders")) {
          // the checkout saga calls the other subgraphs' internal mutations directly
          for (String other : SUBGRAPHS) {
            if (!other.equals("orders")) {
              args.add(
                  "--junction.saga.subgraphs."
                      + other
                      + ".url=http://localhost:"
                      + stack.ports.get(other));
            }
          }
        }
        if (name.equals("payments")) {
          args.add("--junction.payments.provider.url=http://localhost:" + providerPort);
        }
        args.add("--junction.subgraph-auth.secret=" + SECRET);
        stack.launch(name, jar(name), stack.ports.get(name), args, logs);
      }
      // The external payment provider, faked by the payments jar's fake-provider profile; it
      // never declines here so that the checkout tests are deterministic.
      stack.launch(
          PROVIDER,
          jar("payments"),
          providerPort,
          List.of(
              "--spring.profiles.active=fake-provider", "--junction.fake-provider.decline-rate=0"),
          logs);
      stack.awaitReady();
      return stack;
    } catch (Exception e) {
      stack.close();
      throw e;
    }
  }

  /** The fake payment provider's process name. */
  static final String PROVIDER = "payment-provider";

  private void launch(String name, Path jar, int port, List<String> extraArgs, Path logs)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(javaBinary());
    cmd.addAll(List.of("-Xmx192m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k"));
    cmd.addAll(List.of("-jar", jar.toString(), "--server.port=" + port));
    cmd.addAll(extraArgs);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(logs.resolve(name + ".log").toFile());
    builders.put(name, pb);
    processes.put(name, pb.start());
    ports.put(name, port);
  }

  /** The GraphQL URL of a running subgraph. */
  String url(String subgraph) {
    return "http://localhost:" + ports.get(subgraph) + "/graphql";
  }

  Map<String, String> urls() {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : SUBGRAPHS) {
      out.put(name, url(name));
    }
    return out;
  }

  /** Stops one subgraph process (as a crash or an outage would). */
  synchronized void stop(String name) throws InterruptedException {
    Process p = processes.get(name);
    p.destroy();
    if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
    }
  }

  /** Starts a stopped subgraph again on the same port and waits until it is healthy. */
  synchronized void restart(String name) throws Exception {
    ProcessBuilder pb = builders.get(name);
    pb.redirectOutput(
        ProcessBuilder.Redirect.appendTo(Path.of("target", "stack-logs", name + ".log").toFile()));
    processes.put(name, pb.start());
    awaitReady(List.of(name));
  }

  private void awaitReady() throws Exception {
    List<String> all = new ArrayList<>(SUBGRAPHS);
    all.add(PROVIDER);
    awaitReady(all);
  }

  private void awaitReady(List<String> names) throws Exception {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    List<String> pending = new ArrayList<>(names);
    while (!pending.isEmpty()) {
      for (String name : List.copyOf(pending)) {
        Process p = processes.get(name);
        if (!p.isAlive()) {
          throw new IllegalStateException(
              name + " exited with " + p.exitValue() + "; see target/stack-logs/" + name + ".log");
        }
        if (healthy(name)) {
          pending.remove(name);
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("subgraphs not ready in time: " + pending);
      }
      Thread.sleep(250);
    }
  }

  private boolean healthy(String name) {
    try {
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(
                      URI.create("http://localhost:" + ports.get(name) + "/actuator/health"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && r.body().contains("\"UP\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Posts a GraphQL request straight to one subgraph (bypassing the gateway), as a Junction service
   * of the tests ({@code iss} {@code e2e}, no end user).
   */
  String postDirect(String subgraph, String jsonBody) throws Exception {
    return postDirect(subgraph, jsonBody, callerToken("e2e", subgraph, null)).body();
  }

  /** Posts a GraphQL request straight to one subgraph with a caller token (null: none). */
  HttpResponse<String> postDirect(String subgraph, String jsonBody, String callerToken)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url(subgraph)))
            .header("content-type", "application/json")
            .timeout(Duration.ofSeconds(10))
            .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
    if (callerToken != null) {
      request.header("x-junction-caller", callerToken);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static Path jar(String name) throws IOException {
    return findJar(Path.of("..", "subgraphs", name, "target"), "junction-" + name + "-*-exec.jar");
  }

  /** The first file in {@code dir} matching {@code glob}; fails when the build has not made it. */
  static Path findJar(Path dir, String glob) throws IOException {
    try (DirectoryStream<Path> jars = Files.newDirectoryStream(dir, glob)) {
      for (Path p : jars) {
        return p;
      }
    }
    throw new IllegalStateException("no " + glob + " in " + dir + " (run mvn package first)");
  }

  static String javaBinary() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }

  @Override
  public void close() {
    for (Process p : processes.values()) {
      p.destroy();
    }
    for (Process p : processes.values()) {
      try {
        if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
          p.destroyForcibly();
        }
      } catch (InterruptedException e) {
        p.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }
}
