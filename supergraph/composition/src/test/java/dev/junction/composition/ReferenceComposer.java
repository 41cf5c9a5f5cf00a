package dev.junction.composition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code @theguild/federation-composition} through {@code
 * src/test/node/compose-reference.mjs}. Uses the gateway e2e-tools {@code node_modules} when
 * installed, else {@code npm ci} into {@code target/reference-composer}. {@link #unavailable()}
 * says why it cannot run, or is {@code null}.
 */
final class ReferenceComposer {

  private static final Path MODULE = Path.of("").toAbsolutePath();

  /** The node executable; {@code -Djunction.node=...} overrides it (e.g. to test the skip). */
  private static final String NODE = System.getProperty("junction.node", "node");

  private static final Path SCRIPT = MODULE.resolve("src/test/node/compose-reference.mjs");
  private Path modules;
  private String unavailable;

  ReferenceComposer() {
    try {
      Files.createDirectories(MODULE.resolve("target"));
      if (run(MODULE, 30, NODE, "--version") != 0) {
        unavailable = "`node --version` failed";
        return;
      }
    } catch (IOException | InterruptedException e) {
      unavailable = "node is not installed (" + e.getMessage() + ")";
      return;
    }
    Path shared = MODULE.resolve("../gateway/e2e-tools").normalize();
    if (Files.isDirectory(shared.resolve("node_modules/@theguild/federation-composition"))) {
      modules = shared;
      return;
    }
    Path local = MODULE.resolve("target/reference-composer");
    try {
      if (!Files.isDirectory(local.resolve("node_modules/@theguild/federation-composition"))) {
        Files.createDirectories(local);
        for (String f : List.of("package.json", "package-lock.json")) {
          Files.copy(
              MODULE.resolve("src/test/node/" + f),
              local.resolve(f),
              java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        int rc = run(local, 180, "npm", "ci", "--no-audit", "--no-fund");
        if (rc != 0) {
          unavailable = "npm ci failed (exit " + rc + ") in " + local;
          return;
        }
      }
      modules = local;
    } catch (IOException | InterruptedException e) {
      unavailable = "node/npm not usable: " + e.getMessage();
    }
  }

  String unavailable() {
    return unavailable;
  }

  /** Composes every set under {@code setsDir} (see the script for the layout). */
  void composeAll(Path setsDir) throws IOException, InterruptedException {
    int rc = run(MODULE, 120, NODE, SCRIPT.toString(), modules.toString(), setsDir.toString());
    if (rc != 0) {
      throw new IllegalStateException("reference composer exited " + rc);
    }
  }

  private static int run(Path dir, int timeoutSeconds, String... command)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(MODULE.resolve("target/reference-composer.log").toFile())
            .start();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return -1;
    }
    return p.exitValue();
  }
}
