package dev.junction.gateway.headers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.gateway.HeaderPropagator;
import dev.junction.gateway.Identity;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link HeaderPropagator} driven by router config rules: the {@code all} rules run first for
 * every subgraph, then the rules of the subgraph itself (matched case-insensitively), each list in
 * order. Reserved headers ({@link HeaderRule#RESERVED}) are never returned.
 */
public final class RuleBasedHeaderPropagator implements HeaderPropagator {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<HeaderRule> all;
  private final Map<String, List<HeaderRule>> bySubgraph;

  /**
   * @param all rules applied to every subgraph request
   * @param bySubgraph rules applied after {@code all}, by subgraph name
   */
  public RuleBasedHeaderPropagator(List<HeaderRule> all, Map<String, List<HeaderRule>> bySubgraph) {
    this.all = List.copyOf(all);
    Map<String, List<HeaderRule>> lowered = new LinkedHashMap<>();
    bySubgraph.forEach((name, rules) -> lowered.put(lower(name), List.copyOf(rules)));
    this.bySubgraph = Map.copyOf(lowered);
  }

  /** Whether no rule exists at all (nothing is ever propagated). */
  public boolean isEmpty() {
    return all.isEmpty() && bySubgraph.isEmpty();
  }

  @Override
  public Map<String, List<String>> headersFor(
      String subgraph, Map<String, List<String>> clientHeaders) {
    return headersFor(subgraph, clientHeaders, Identity.ANONYMOUS);
  }

  @Override
  public Map<String, List<String>> headersFor(
      String subgraph, Map<String, List<String>> clientHeaders, Identity identity) {
    Identity who = identity == null ? Identity.ANONYMOUS : identity;
    Map<String, List<String>> out = new LinkedHashMap<>();
    apply(all, clientHeaders, who, out);
    List<HeaderRule> own = subgraph == null ? null : bySubgraph.get(lower(subgraph));
    if (own != null) {
      apply(own, clientHeaders, who, out);
    }
    out.keySet().removeIf(HeaderRule::isReserved);
    return Collections.unmodifiableMap(out);
  }

  private static void apply(
      List<HeaderRule> rules,
      Map<String, List<String>> client,
      Identity identity,
      Map<String, List<String>> out) {
    for (HeaderRule rule : rules) {
      if (rule instanceof HeaderRule.Propagate p) {
        List<String> values = client.get(p.named());
        if (values != null && !values.isEmpty()) {
          out.put(p.target(), List.copyOf(values));
        } else if (p.defaultValue() != null) {
          out.put(p.target(), List.of(p.defaultValue()));
        }
      } else if (rule instanceof HeaderRule.PropagateMatching p) {
        client.forEach(
            (name, values) -> {
              String lowerName = lower(name);
              if (!HeaderRule.isReserved(lowerName)
                  && values != null
                  && !values.isEmpty()
                  && p.matching().matcher(lowerName).find()) {
                out.put(lowerName, List.copyOf(values));
              }
            });
      } else if (rule instanceof HeaderRule.PropagateClaim c) {
        String value = claimValue(identity.claim(c.claim()));
        if (value == null) {
          value = c.defaultValue();
        }
        if (value != null) {
          out.put(c.target(), List.of(value));
        }
      } else if (rule instanceof HeaderRule.Insert i) {
        out.put(i.name(), List.of(i.value()));
      } else if (rule instanceof HeaderRule.Remove r) {
        out.remove(r.named());
      } else if (rule instanceof HeaderRule.RemoveMatching r) {
        out.keySet().removeIf(name -> r.matching().matcher(name).find());
      }
    }
  }

  /** A claim as a header value: strings as they are, other values as JSON; null if unsendable. */
  private static String claimValue(Object claim) {
    if (claim == null) {
      return null;
    }
    String value;
    if (claim instanceof String s) {
      value = s;
    } else {
      try {
        value = JSON.writeValueAsString(claim);
      } catch (JsonProcessingException e) {
        return null;
      }
    }
    for (int i = 0; i < value.length(); i++) {
      char ch = value.charAt(i);
      if (ch == '\r' || ch == '\n' || ch == 0) {
        return null;
      }
    }
    return value;
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return "RuleBasedHeaderPropagator[all=" + all + ", subgraphs=" + bySubgraph + "]";
  }
}
