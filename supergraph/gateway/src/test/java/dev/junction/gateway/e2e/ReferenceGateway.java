package dev.junction.gateway.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The reference gateways, {@code @apollo/gateway} and Hive Gateway, in one Node process ({@code
 * src/test/node/reference-gateway}), installed with {@code npm ci} into {@code
 * target/reference-gateway} on first use and again whenever the committed {@code package-lock.json}
 * changes. {@link #unavailable()} says why it cannot run, or is {@code null}.
 */
final class ReferenceGateway implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path SOURCES = MODULE.resolve("src/test/node/reference-gateway");
  private static final Path INSTALL = MODULE.resolve("target/reference-gateway");

  /** The node executable; {@code -Djunction.node=...} overrides it (e.g. to test the skip). */
  private static final String NODE = System.getProperty("junction.node", "node");

  private Process process;
  private Writer stdin;
  private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
  private String unavailable;
  private int next;

  ReferenceGateway() {
    try {
      Files.createDirectories(INSTALL);
      if (run(MODULE, 30, NODE, "--version") != 0) {
        unavailable = "`" + NODE + " --version` failed";
        return;
      }
      if (!installed()) {
        for (String f : List.of("package.json", "package-lock.json")) {
          Files.copy(SOURCES.resolve(f), INSTALL.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        int rc = run(INSTALL, 300, "npm", "ci", "--no-audit", "--no-fund");
        if (rc != 0) {
          unavailable = "npm ci failed (exit " + rc + "), see " + INSTALL.resolve("install.log");
          return;
        }
      }
      process =
          new ProcessBuilder(
                  NODE, SOURCES.resolve("reference-gateway.mjs").toString(), INSTALL.toString())
              .redirectError(INSTALL.resolve("gateway.log").toFile())
              .start();
      stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader r =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = r.readLine(); line != null; line = r.readLine()) {
                    lines.add(line);
                  }
                } catch (IOException e) {
                  // the process ended; callers time out
                }
              },
              "reference-gateway-reader");
      reader.setDaemon(true);
      reader.start();
    } catch (IOException | InterruptedException e) {
      unavailable = "node/npm not usable: " + e.getMessage();
    }
  }

  /** Whether {@code target/reference-gateway} holds an install of the committed lock file. */
  private static boolean installed() throws IOException {
    Path lock = INSTALL.resolve("package-lock.json");
    return Files.isDirectory(INSTALL.resolve("node_modules/@apollo/gateway"))
        && Files.isDirectory(INSTALL.resolve("node_modules/@graphql-hive/gateway-runtime"))
        && Files.exists(lock)
        && Files.mismatch(lock, SOURCES.resolve("package-lock.json")) == -1;
  }

  String unavailable() {
    return unavailable;
  }

  /** A response of the reference gateway: its HTTP status and JSON body. */
  record Answer(int status, Map<String, Object> body) {}

  /**
   * Runs one operation; {@code request} holds {@code gateway} ({@code apollo} or {@code hive}),
   * {@code supergraph}, {@code query}, {@code operationName}, {@code variables}, {@code headers},
   * {@code propagate}, {@code introspection} and {@code subgraphTimeoutMs}.
   */
  @SuppressWarnings("unchecked")
  synchronized Answer execute(Map<String, Object> request, long timeoutSeconds) throws Exception {
    String id = "c" + next++;
    Map<String, Object> line = new java.util.LinkedHashMap<>(request);
    line.put("id", id);
    stdin.write(JSON.writeValueAsString(line) + "\n");
    stdin.flush();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
    while (true) {
      String out = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      if (out == null) {
        throw new IllegalStateException(
            "the reference gateway did not answer in " + timeoutSeconds + " s");
      }
      Map<String, Object> answer = JSON.readValue(out, Map.class);
      if (!id.equals(answer.get("id"))) {
        continue; // a late answer to a request that timed out
      }
      if (answer.get("failure") != null) {
        throw new IllegalStateException("reference gateway failed: " + answer.get("failure"));
      }
      return new Answer(
          ((Number) answer.get("status")).intValue(), (Map<String, Object>) answer.get("body"));
    }
  }

  @Override
  public void close() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
      }
    }
  }

  private static int run(Path dir, int timeoutSeconds, String... command)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(INSTALL.resolve("install.log").toFile())
            .start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
