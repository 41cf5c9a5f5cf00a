package dev.junction.composition;

import graphql.language.AstPrinter;
import graphql.language.DirectiveDefinition;
import graphql.language.InputValueDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Executable directive definitions (usable in operations) carried into the supergraph: kept with
 * the executable locations every defining subgraph declares, provided each argument has the same
 * type in every subgraph (the reference composer's rule); other custom directives are dropped.
 */
final class ExecutableDirectives {

  private static final Set<String> EXECUTABLE =
      Set.of(
          "QUERY",
          "MUTATION",
          "SUBSCRIPTION",
          "FIELD",
          "FRAGMENT_DEFINITION",
          "FRAGMENT_SPREAD",
          "INLINE_FRAGMENT",
          "VARIABLE_DEFINITION");

  private ExecutableDirectives() {}

  static String print(List<Subgraph> subgraphs) {
    Map<String, List<DirectiveDefinition>> byName = new LinkedHashMap<>();
    for (Subgraph s : subgraphs) {
      s.directiveDefinitions.forEach(
          (name, def) -> byName.computeIfAbsent(name, k -> new ArrayList<>()).add(def));
    }
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, List<DirectiveDefinition>> e : byName.entrySet()) {
      List<DirectiveDefinition> defs = e.getValue();
      boolean executable =
          defs.stream()
              .anyMatch(
                  d ->
                      d.getDirectiveLocations().stream()
                          .anyMatch(l -> EXECUTABLE.contains(l.getName())));
      if (!executable || !argumentsIdentical(defs, subgraphs.size())) {
        continue;
      }
      Set<String> locations = new LinkedHashSet<>();
      defs.get(0).getDirectiveLocations().forEach(l -> locations.add(l.getName()));
      locations.removeIf(l -> !EXECUTABLE.contains(l));
      for (DirectiveDefinition d : defs) {
        Set<String> here = new LinkedHashSet<>();
        d.getDirectiveLocations().forEach(l -> here.add(l.getName()));
        locations.retainAll(here);
      }
      if (locations.isEmpty()) {
        continue;
      }
      out.append("directive @").append(e.getKey());
      List<InputValueDefinition> args = defs.get(0).getInputValueDefinitions();
      if (!args.isEmpty()) {
        List<String> printed = new ArrayList<>();
        for (InputValueDefinition a : args) {
          String type = AstPrinter.printAst(a.getType());
          String value =
              a.getDefaultValue() == null ? "" : " = " + AstPrinter.printAst(a.getDefaultValue());
          printed.add(a.getName() + ": " + type + value);
        }
        out.append('(').append(String.join(", ", printed)).append(')');
      }
      if (defs.stream().anyMatch(DirectiveDefinition::isRepeatable)) {
        out.append(" repeatable");
      }
      out.append(" on ").append(String.join(" | ", locations)).append("\n\n");
    }
    return out.toString();
  }

  private static boolean argumentsIdentical(List<DirectiveDefinition> defs, int subgraphCount) {
    Set<String> names = new LinkedHashSet<>();
    defs.forEach(d -> d.getInputValueDefinitions().forEach(a -> names.add(a.getName())));
    if (names.isEmpty()) {
      return true;
    }
    if (defs.size() != subgraphCount) {
      return false;
    }
    for (String name : names) {
      String type = null;
      for (DirectiveDefinition d : defs) {
        InputValueDefinition a =
            d.getInputValueDefinitions().stream()
                .filter(v -> v.getName().equals(name))
                .findFirst()
                .orElse(null);
        if (a == null) {
          return false;
        }
        String t = AstPrinter.printAst(a.getType());
        if (type != null && !type.equals(t)) {
          return false;
        }
        type = t;
      }
    }
    return true;
  }
}
