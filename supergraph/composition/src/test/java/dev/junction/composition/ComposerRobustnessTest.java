package dev.junction.composition;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.planner.supergraph.Supergraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Partial subgraph sets (each subgraph alone, every set minus one subgraph) and mangled SDL never
 * make the composer throw: it either composes a loadable supergraph or returns coded errors.
 */
class ComposerRobustnessTest {

  @Test
  void partialAndMangledSetsGiveErrorsOrLoadableSupergraphs() throws Exception {
    int composed = 0;
    int failed = 0;
    for (Map.Entry<String, List<SubgraphSource>> set :
        DifferentialCompositionTest.corpus().entrySet()) {
      List<List<SubgraphSource>> variants = new ArrayList<>();
      List<SubgraphSource> sources = set.getValue();
      for (int i = 0; i < sources.size() && sources.size() > 1; i++) {
        List<SubgraphSource> without = new ArrayList<>(sources);
        without.remove(i);
        variants.add(without);
        variants.add(List.of(sources.get(i)));
      }
      SubgraphSource first = sources.get(0);
      variants.add(
          List.of(
              new SubgraphSource(
                  first.name(), first.url(), first.sdl().substring(0, first.sdl().length() / 2))));
      variants.add(
          List.of(
              new SubgraphSource(
                  first.name(),
                  first.url(),
                  first.sdl().replace("@key(fields: \"", "@key(fields: \"x "))));
      for (List<SubgraphSource> variant : variants) {
        CompositionResult result = Composer.compose(variant);
        if (result.succeeded()) {
          assertThat(Supergraph.parse(result.supergraphSdl()).sdl()).as(set.getKey()).isNotBlank();
          composed++;
        } else {
          assertThat(result.errors())
              .allSatisfy(
                  e -> {
                    assertThat(e.code()).matches("[A-Z_]+");
                    assertThat(e.message()).isNotBlank();
                  });
          failed++;
        }
      }
    }
    assertThat(composed).isGreaterThan(50);
    assertThat(failed).isGreaterThan(50);
  }
}
