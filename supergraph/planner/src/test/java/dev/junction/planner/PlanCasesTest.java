package dev.junction.planner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.planner.plan.PlanJson;
import dev.junction.planner.plan.QueryPlan;
import dev.junction.planner.supergraph.Supergraph;
import graphql.parser.Parser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Data-driven planner tests: each directory under {@code src/test/resources/cases} holds a {@code
 * supergraph.graphql} (or a {@code supergraph.ref} naming a shared one), a {@code query.graphql}
 * and the expected {@code plan.json}. Run with {@code -Djunction.plan.update=true} to rewrite the
 * expected plans after an intended change (then review the diff).
 */
class PlanCasesTest {
  static final Path CASES = Path.of("src/test/resources/cases");

  @TestFactory
  Stream<DynamicTest> cases() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(CASES)) {
      for (Path dir : dirs.sorted().toList()) {
        if (Files.isRegularFile(dir.resolve("query.graphql"))) {
          tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> run(dir)));
        }
      }
    }
    assertThat(tests).isNotEmpty();
    return tests.stream();
  }

  static Supergraph supergraphFor(Path dir) throws IOException {
    Path local = dir.resolve("supergraph.graphql");
    Path sdl =
        Files.exists(local)
            ? local
            : CASES.resolve(Files.readString(dir.resolve("supergraph.ref")).strip());
    return Supergraph.parse(Files.readString(sdl, StandardCharsets.UTF_8));
  }

  private static void run(Path dir) throws IOException {
    Supergraph sg = supergraphFor(dir);
    String query = Files.readString(dir.resolve("query.graphql"), StandardCharsets.UTF_8);
    QueryPlan plan = new QueryPlanner(sg).plan(Parser.parse(query), null);
    String actual = PlanJson.render(plan);
    Path expected = dir.resolve("plan.json");
    if (Boolean.getBoolean("junction.plan.update") || !Files.exists(expected)) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
      if (!Boolean.getBoolean("junction.plan.update")) {
        throw new AssertionError("wrote missing " + expected + "; review it and run again");
      }
      return;
    }
    assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }
}
