package dev.junction.composition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.planner.supergraph.Supergraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every hand-built set under {@code src/test/resources/composition/}: a set with {@code
 * expected-error.txt} ({@code CODE [coordinate]}) must fail with that code and coordinate, naming
 * the subgraph and saying what to change; a set without one must compose into a supergraph our
 * gateway loads.
 */
class CompositionErrorsTest {

  @TestFactory
  Stream<DynamicTest> handBuiltSets() throws IOException {
    Map<String, List<SubgraphSource>> corpus = DifferentialCompositionTest.corpus();
    return corpus.entrySet().stream()
        .filter(e -> e.getKey().startsWith("own-"))
        .map(
            e ->
                DynamicTest.dynamicTest(
                    e.getKey(), () -> check(e.getKey().substring(4), e.getValue())));
  }

  private static void check(String name, List<SubgraphSource> sources) throws IOException {
    Path expectedFile = DifferentialCompositionTest.OWN.resolve(name).resolve("expected-error.txt");
    CompositionResult result = Composer.compose(sources);
    if (!Files.exists(expectedFile)) {
      assertThat(result.errors()).isEmpty();
      assertThat(Supergraph.parse(result.supergraphSdl()).sdl()).isNotBlank();
      return;
    }
    String[] expected = Files.readString(expectedFile).trim().split("\\s+", 2);
    assertThat(result.succeeded()).as("composition of %s must fail", name).isFalse();
    CompositionError first = result.errors().get(0);
    assertThat(result.errors()).extracting(CompositionError::code).contains(expected[0]);
    CompositionError match =
        result.errors().stream()
            .filter(e -> e.code().equals(expected[0]))
            .findFirst()
            .orElse(first);
    if (expected.length > 1) {
      assertThat(match.coordinate()).isEqualTo(expected[1]);
    }
    assertThat(match.subgraphs()).isNotEmpty();
    assertThat(match.message()).isNotBlank().contains(":");
  }
}
