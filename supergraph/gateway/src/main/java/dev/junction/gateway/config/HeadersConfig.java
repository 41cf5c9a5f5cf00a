package dev.junction.gateway.config;

import dev.junction.gateway.headers.HeaderRule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code headers:} section: rules for {@code all} subgraphs, then per subgraph. In each section
 * the {@code propagate} rules run first, then {@code insert}, then {@code remove}.
 *
 * @param all rules for every subgraph request
 * @param subgraphs extra rules by subgraph name, applied after {@code all}
 */
public record HeadersConfig(List<HeaderRule> all, Map<String, List<HeaderRule>> subgraphs) {
  private static final Set<String> KEYS = Set.of("all", "subgraphs");
  private static final Set<String> SECTION_KEYS = Set.of("propagate", "insert", "remove");
  private static final Set<String> PROPAGATE_KEYS =
      Set.of("named", "matching", "claim", "rename", "default");
  private static final Set<String> INSERT_KEYS = Set.of("name", "value");
  private static final Set<String> REMOVE_KEYS = Set.of("named", "matching");
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+\\-.^_`|~0-9A-Za-z]+");

  public HeadersConfig {
    all = List.copyOf(all);
    subgraphs = Map.copyOf(subgraphs);
  }

  /** No rules: subgraph requests carry no client header. */
  public static HeadersConfig none() {
    return new HeadersConfig(List.of(), Map.of());
  }

  static HeadersConfig from(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(KEYS);
    List<HeaderRule> all = section(m.get("all"));
    Map<String, List<HeaderRule>> bySubgraph = new LinkedHashMap<>();
    m.get("subgraphs").entries().forEach((name, rules) -> bySubgraph.put(name, section(rules)));
    return new HeadersConfig(all, bySubgraph);
  }

  private static List<HeaderRule> section(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(SECTION_KEYS);
    List<HeaderRule> rules = new ArrayList<>();
    for (ConfigNode item : m.get("propagate").list()) {
      rules.add(propagate(item));
    }
    for (ConfigNode item : m.get("insert").list()) {
      ConfigNode.Mapping rule = item.mapping(INSERT_KEYS);
      String name = headerName(rule.get("name"), "inserted");
      ConfigNode valueNode = rule.get("value");
      String value = valueNode.string(null);
      if (value == null) {
        throw valueNode.bad("a value is required");
      }
      if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
        throw valueNode.bad("header values cannot contain line breaks");
      }
      rules.add(new HeaderRule.Insert(name, value));
    }
    for (ConfigNode item : m.get("remove").list()) {
      ConfigNode.Mapping rule = item.mapping(REMOVE_KEYS);
      requireOneOf(rule, item);
      if (rule.has("named")) {
        rules.add(new HeaderRule.Remove(headerName(rule.get("named"), null)));
      } else {
        rules.add(new HeaderRule.RemoveMatching(rule.get("matching").regex()));
      }
    }
    return rules;
  }

  private static HeaderRule propagate(ConfigNode item) {
    ConfigNode.Mapping rule = item.mapping(PROPAGATE_KEYS);
    if (rule.has("claim")) {
      if (rule.has("named") || rule.has("matching")) {
        throw item.bad("give exactly one of 'named', 'matching' or 'claim'");
      }
      String claim = rule.get("claim").requiredString().trim();
      if (!rule.has("rename")) {
        throw rule.get("rename").bad("the header to send the claim as is required");
      }
      String target = headerName(rule.get("rename"), "propagated");
      return new HeaderRule.PropagateClaim(claim, target, rule.get("default").string(null));
    }
    requireOneOf(rule, item);
    if (rule.has("matching")) {
      for (String key : List.of("rename", "default")) {
        if (rule.has(key)) {
          throw rule.get(key).bad("only allowed with 'named'");
        }
      }
      return new HeaderRule.PropagateMatching(rule.get("matching").regex());
    }
    String named = headerName(rule.get("named"), "propagated");
    String rename = rule.has("rename") ? headerName(rule.get("rename"), "propagated") : null;
    String fallback = rule.get("default").string(null);
    return new HeaderRule.Propagate(named, rename, fallback);
  }

  private static void requireOneOf(ConfigNode.Mapping rule, ConfigNode item) {
    if (rule.has("named") == rule.has("matching")) {
      throw item.bad("give exactly one of 'named' or 'matching'");
    }
  }

  private static String headerName(ConfigNode node, String verb) {
    String name = node.requiredString().trim();
    if (!TOKEN.matcher(name).matches()) {
      throw node.bad("invalid header name '" + name + "'");
    }
    if (verb != null && HeaderRule.isReserved(name)) {
      throw node.bad("'" + name + "' is set by the gateway and cannot be " + verb);
    }
    return name;
  }
}
