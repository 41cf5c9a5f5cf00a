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
 * and the expected {@code plan.json}. An {@code e2e-<name>} directory holds only its plan: the
 * supergraph and query are those of the gateway's end-to-end case {@code <name>}. Run with {@code
 * -Djunction.plan.update=true} to rewrite the expected plans after an intended change (then review
 * the diff).
 */
class PlanCasesTest {
  static final Path CASES = Path.of("src/test/resources/cases");

  /** The gateway's end-to-end corpus, where {@code e2e-*} cases take their inputs from. */
  static final Path E2E = Path.of("../gateway/src/test/resources/e2e");

  /** A case's input file: its own, else for an {@code e2e-*} case the gateway case's. */
  static Path input(Path dir, String file) {
    Path local = dir.resolve(file);
    String name = dir.getFileName().toString();
    if (!Files.exists(local) && name.startsWith("e2e-")) {
      return E2E.resolve(name.substring("e2e-".length())).resolve(file);
    }
    return local;
  }

  @TestFactory
  Stream<DynamicTest> cases() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(CASES)) {
      for (Path dir : dirs.sorted().toList()) {
        // a plan whose inputs went missing fails instead of being skipped
        if (Files.isRegularFile(input(dir, "query.graphql"))
            || Files.isRegularFile(dir.resolve("plan.json"))) {
          tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> run(dir)));
        }
      }
    }
    assertThat(tests).isNotEmpty();
    return tests.stream();
  }

  static Supergraph supergraphFor(Path dir) throws IOException {
    Path local = input(dir, "supergraph.graphql");
    Path sdl =
        Files.exists(local)
            ? local
            : CASES.resolve(Files.readString(dir.resolve("supergraph.ref")).strip());
    return Supergraph.parse(Files.readString(sdl, StandardCharsets.UTF_8));
  }

  private static void run(Path dir) throws IOException {
    Supergraph sg = supergraphFor(dir);
    String query = Files.readString(input(dir, "query.graphql"), StandardCharsets.UTF_8);
    String actual;
    try {
      QueryPlan plan = new QueryPlanner(sg).plan(Parser.parse(query), null);
      actual = PlanJson.render(plan);
    } catch (PlanningException e) {
      // an operation that cannot be planned: plan.json pins the message
      String message = e.getMessage().replace("\\", "\\\\").replace("\"", "\\\"");
      actual = "{\n  \"error\": \"" + message + "\"\n}\n";
    }
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
