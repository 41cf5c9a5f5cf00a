package dev.junction.bench.jmh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds the Guild benchmark files: {@code -Dbench.data=<dir>}, else {@code $BENCH_DATA_DIR}, else
 * {@code ../shared/bench/guild-federation} from the repository root (also tried from {@code bench/}
 * and {@code bench/jmh/}), else {@code /work/shared/bench/guild-federation}.
 */
final class BenchFiles {
  private BenchFiles() {}

  static Path dir() {
    String configured = System.getProperty("bench.data", System.getenv("BENCH_DATA_DIR"));
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    for (String candidate :
        List.of(
            "../shared/bench/guild-federation",
            "../../shared/bench/guild-federation",
            "../../../shared/bench/guild-federation",
            "/work/shared/bench/guild-federation")) {
      Path dir = Path.of(candidate);
      if (Files.isRegularFile(dir.resolve("supergraph.graphql"))) {
        return dir;
      }
    }
    throw new IllegalStateException(
        "benchmark data not found: pass -Dbench.data=<dir of supergraph.graphql>");
  }

  static String read(String name) {
    try {
      return Files.readString(dir().resolve(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The benchmark's GraphQL document (query.graphql). */
  static String query() {
    return read("query.graphql");
  }
}
