package dev.junction.composition;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Without node: every gateway e2e case commits the supergraph the reference composer produced from
 * its subgraphs; the Java composer must produce the same supergraph after normalisation (or fail
 * where {@code known-differences.txt} says it does).
 */
class CommittedE2eSupergraphsTest {

  @Test
  void javaCompositionEqualsEveryCommittedE2eSupergraph() throws Exception {
    Map<String, List<SubgraphSource>> corpus = DifferentialCompositionTest.corpus();
    Map<String, String> known = DifferentialCompositionTest.knownDifferences();
    List<String> differing = new ArrayList<>();
    int compared = 0;
    for (Map.Entry<String, List<SubgraphSource>> e : corpus.entrySet()) {
      if (!e.getKey().startsWith("e2e-")) {
        continue;
      }
      Path committed =
          DifferentialCompositionTest.E2E
              .resolve(e.getKey().substring(4))
              .resolve("supergraph.graphql");
      if (!Files.exists(committed)) {
        continue;
      }
      CompositionResult result = Composer.compose(e.getValue());
      compared++;
      if (!result.succeeded()) {
        if (!known.containsKey(e.getKey())) { // a reviewed composer difference is no failure here
          differing.add(e.getKey() + ": Java composition fails: " + result.errors());
        }
        continue;
      }
      if (!SdlNormalizer.normalize(Files.readString(committed))
          .equals(SdlNormalizer.normalize(result.supergraphSdl()))) {
        differing.add(e.getKey() + ": differs from the committed supergraph.graphql");
      }
    }
    System.out.printf("compared %d committed e2e supergraphs%n", compared);
    assertThat(differing).isEmpty();
    assertThat(compared).isGreaterThanOrEqualTo(25);
  }
}
