package dev.junction.composition;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.junction.planner.supergraph.Supergraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Composes every subgraph set of the corpus (our six subgraphs, every gateway e2e case, the
 * hand-built failing sets) with the Java composer and with {@code @theguild/federation-composition}
 * and compares: the same sets fail, and passing sets give equal supergraphs after {@link
 * SdlNormalizer normalisation}, except the sets listed in {@code known-differences.txt} (each with
 * its reason, see DIFFERENCES.md).
 */
class DifferentialCompositionTest {

  static final Path MODULE = Path.of("").toAbsolutePath();
  static final Path E2E = MODULE.resolve("../gateway/src/test/resources/e2e").normalize();
  static final Path OWN = MODULE.resolve("src/test/resources/composition");

  /** All sets of the corpus by name. */
  static Map<String, List<SubgraphSource>> corpus() throws IOException {
    Map<String, List<SubgraphSource>> sets = new TreeMap<>();
    sets.put("junction", SupergraphConfig.load(MODULE.resolve("../supergraph.yaml").normalize()));
    for (Path root : List.of(E2E, OWN)) {
      if (!Files.isDirectory(root)) {
        continue;
      }
      try (Stream<Path> dirs = Files.list(root)) {
        for (Path dir : dirs.sorted().toList()) {
          Path subgraphs = dir.resolve("subgraphs");
          if (!Files.isDirectory(subgraphs)) {
            continue;
          }
          List<SubgraphSource> sources = new ArrayList<>();
          try (Stream<Path> files = Files.list(subgraphs)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".graphql")).sorted().toList()) {
              String name = f.getFileName().toString().replace(".graphql", "");
              sources.add(
                  new SubgraphSource(
                      name, "http://" + name + ".fixture/graphql", Files.readString(f)));
            }
          }
          sets.put((root == OWN ? "own-" : "e2e-") + dir.getFileName(), sources);
        }
      }
    }
    return sets;
  }

  /**
   * Every e2e set minus one subgraph: partial sets exercise the failure paths (unresolvable fields,
   * externals without a base, missing queries) on real schemas.
   */
  static Map<String, List<SubgraphSource>> partialSets(Map<String, List<SubgraphSource>> corpus) {
    Map<String, List<SubgraphSource>> partial = new TreeMap<>();
    corpus.forEach(
        (name, sources) -> {
          if (!name.startsWith("e2e-") || sources.size() < 2) {
            return;
          }
          for (SubgraphSource s : sources) {
            List<SubgraphSource> without = new ArrayList<>(sources);
            without.remove(s);
            partial.put("partial-" + name.substring(4) + "-without-" + s.name(), without);
          }
        });
    return partial;
  }

  static Map<String, String> knownDifferences() throws IOException {
    Map<String, String> known = new LinkedHashMap<>();
    for (String line :
        Files.readAllLines(MODULE.resolve("src/test/resources/known-differences.txt"))) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\s+", 2);
      known.put(parts[0], parts.length > 1 ? parts[1] : "");
    }
    return known;
  }

  @Test
  void javaComposerAgreesWithReferenceComposer() throws Exception {
    ReferenceComposer reference = new ReferenceComposer();
    if (reference.unavailable() != null) {
      System.err.println("SKIPPED differential composition test: " + reference.unavailable());
    }
    assumeTrue(reference.unavailable() == null, "reference composer: " + reference.unavailable());
    Map<String, List<SubgraphSource>> corpus = new TreeMap<>(corpus());
    corpus.putAll(partialSets(corpus));
    Path work = MODULE.resolve("target/differential");
    deleteRecursively(work);
    for (Map.Entry<String, List<SubgraphSource>> e : corpus.entrySet()) {
      Path dir = Files.createDirectories(work.resolve(e.getKey()).resolve("subgraphs"));
      StringBuilder urls = new StringBuilder();
      for (SubgraphSource s : e.getValue()) {
        Files.writeString(dir.resolve(s.name() + ".graphql"), s.sdl());
        urls.append(s.name()).append(' ').append(s.url()).append('\n');
      }
      Files.writeString(dir.getParent().resolve("urls.txt"), urls);
    }
    reference.composeAll(work);

    Map<String, String> known = knownDifferences();
    List<String> problems = new ArrayList<>();
    List<String> equal = new ArrayList<>();
    List<String> bothFail = new ArrayList<>();
    List<String> identicalCodes = new ArrayList<>();
    List<String> differing = new ArrayList<>();
    for (Map.Entry<String, List<SubgraphSource>> e : corpus.entrySet()) {
      String set = e.getKey();
      Path dir = work.resolve(set);
      CompositionResult ours = Composer.compose(e.getValue());
      boolean refFailed = Files.exists(dir.resolve("reference.errors"));
      if (!ours.succeeded()) {
        Files.writeString(
            dir.resolve("java.errors"),
            String.join("\n", ours.errors().stream().map(Object::toString).toList()) + "\n");
      } else {
        Files.writeString(dir.resolve("java.graphql"), ours.supergraphSdl());
        try {
          Supergraph.parse(ours.supergraphSdl());
        } catch (RuntimeException ex) {
          problems.add(set + ": our supergraph does not load: " + ex.getMessage());
        }
      }
      if (refFailed != !ours.succeeded()) {
        if (known.containsKey(set)) {
          differing.add(set);
          continue;
        }
        problems.add(
            set
                + ": reference "
                + (refFailed
                    ? "fails (" + firstLine(dir.resolve("reference.errors")) + ")"
                    : "passes")
                + " but Java composer "
                + (ours.succeeded() ? "passes" : "fails (" + ours.errors().get(0) + ")"));
        continue;
      }
      if (refFailed) {
        List<String> refCodes =
            Files.readAllLines(dir.resolve("reference.errors")).stream()
                .map(l -> l.split(":", 2)[0])
                .toList();
        boolean sameCode = ours.errors().stream().anyMatch(er -> refCodes.contains(er.code()));
        if (sameCode) {
          bothFail.add(set);
          if (new java.util.TreeSet<>(refCodes)
              .equals(
                  new java.util.TreeSet<>(
                      ours.errors().stream().map(CompositionError::code).toList()))) {
            identicalCodes.add(set);
          }
          if (known.containsKey(set)) {
            problems.add(set + ": listed in known-differences.txt but the error codes agree");
          }
        } else if (known.containsKey(set)) {
          differing.add(set);
        } else {
          problems.add(
              set
                  + ": both fail but with different codes: reference "
                  + refCodes
                  + ", Java "
                  + ours.errors());
        }
        continue;
      }
      String expected = SdlNormalizer.normalize(Files.readString(dir.resolve("reference.graphql")));
      String actual = SdlNormalizer.normalize(ours.supergraphSdl());
      Files.writeString(dir.resolve("reference.normalized"), expected);
      Files.writeString(dir.resolve("java.normalized"), actual);
      if (expected.equals(actual)) {
        equal.add(set);
        if (known.containsKey(set)) {
          problems.add(set + ": listed in known-differences.txt but now equal: remove it");
        }
      } else {
        differing.add(set);
        if (!known.containsKey(set)) {
          problems.add(
              set
                  + ": supergraphs differ (diff "
                  + dir.resolve("reference.normalized")
                  + " "
                  + dir.resolve("java.normalized")
                  + ")");
        }
      }
    }
    System.out.printf(
        "differential composition: %d sets, %d equal, %d fail in both with the same code"
            + " (%d with identical sets of codes), %d differ (known: %s)%n",
        corpus.size(),
        equal.size(),
        bothFail.size(),
        identicalCodes.size(),
        differing.size(),
        differing);
    assertThat(problems).isEmpty();
    assertThat(equal.size()).isGreaterThanOrEqualTo(25);
  }

  private static String firstLine(Path file) throws IOException {
    return Files.readAllLines(file).stream().findFirst().orElse("");
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
