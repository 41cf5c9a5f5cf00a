package dev.junction.gateway.config;

import graphql.language.Argument;
import graphql.language.Directive;
import graphql.language.Document;
import graphql.language.EnumTypeDefinition;
import graphql.language.EnumValueDefinition;
import graphql.language.StringValue;
import graphql.parser.Parser;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cross-checks the router config against the supergraph: every subgraph named under {@code
 * subgraphs:}, {@code headers.subgraphs:}, {@code traffic_shaping.subgraphs:} or {@code
 * subgraph_auth.subgraphs:} must exist, so a typo fails at startup instead of silently doing
 * nothing.
 */
public final class SupergraphSubgraphs {
  private SupergraphSubgraphs() {}

  /**
   * The subgraph names of a supergraph ({@code @join__graph(name:)} of the {@code join__Graph} enum
   * values), or an empty set when the SDL cannot be read (the engine reports that).
   */
  public static Set<String> names(String supergraphSdl) {
    Set<String> names = new LinkedHashSet<>();
    Document document;
    try {
      document = Parser.parse(supergraphSdl);
    } catch (RuntimeException e) {
      return names;
    }
    for (EnumTypeDefinition definition : document.getDefinitionsOfType(EnumTypeDefinition.class)) {
      if (!definition.getName().equals("join__Graph")) {
        continue;
      }
      for (EnumValueDefinition value : definition.getEnumValueDefinitions()) {
        for (Directive directive : value.getDirectives("join__graph")) {
          Argument name = directive.getArgument("name");
          if (name != null && name.getValue() instanceof StringValue s) {
            names.add(s.getValue());
          }
        }
      }
    }
    return names;
  }

  /**
   * Fails when the config names a subgraph the supergraph does not have.
   *
   * @param known the supergraph's subgraph names; when empty nothing is checked
   * @throws ConfigException naming the key path and the known subgraphs
   */
  public static void check(RouterConfig config, Set<String> known) {
    if (known.isEmpty()) {
      return;
    }
    for (String name : config.subgraphs().routingUrls().keySet()) {
      requireKnown("subgraphs." + name, name, known);
    }
    for (String name : config.headers().subgraphs().keySet()) {
      requireKnown("headers.subgraphs." + name, name, known);
    }
    for (String name : config.trafficShaping().subgraphs().keySet()) {
      requireKnown("traffic_shaping.subgraphs." + name, name, known);
    }
    for (String name : config.subgraphAuth().subgraphSecrets().keySet()) {
      requireKnown("subgraph_auth.subgraphs." + name, name, known);
    }
  }

  private static void requireKnown(String path, String name, Set<String> known) {
    if (!known.contains(name)) {
      throw new ConfigException(
          path
              + ": the supergraph has no subgraph named '"
              + name
              + "' (subgraphs: "
              + String.join(", ", new TreeSet<>(known))
              + ")");
    }
  }
}
