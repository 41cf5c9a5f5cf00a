package dev.junction.composition;

import dev.junction.composition.MergedType.MergedField;
import dev.junction.composition.Subgraph.Member;
import dev.junction.composition.Subgraph.TypeDef;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Decides which {@code @join__field} applications a supergraph field carries. */
final class JoinFields {

  private record Join(
      String graph,
      String type,
      String override,
      String overrideLabel,
      boolean usedOverridden,
      boolean external,
      String provides,
      String requires) {

    boolean plain() {
      return type == null
          && override == null
          && overrideLabel == null
          && !usedOverridden
          && !external
          && provides == null
          && requires == null;
    }
  }

  private final MergedType type;
  private final MergedField field;
  private final List<Subgraph> subgraphs;
  private final int joinTypeCount;

  JoinFields(MergedType type, MergedField field, List<Subgraph> subgraphs, int joinTypeCount) {
    this.type = type;
    this.field = field;
    this.subgraphs = subgraphs;
    this.joinTypeCount = joinTypeCount;
  }

  private Subgraph subgraph(String name) {
    return subgraphs.stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow();
  }

  void appendTo(StringBuilder out) {
    for (Join j : joins()) {
      out.append(" @join__field(graph: ").append(SupergraphPrinter.graphId(j.graph()));
      if (j.requires() != null) {
        out.append(", requires: ").append(SupergraphPrinter.quote(FieldSets.minify(j.requires())));
      }
      if (j.provides() != null) {
        out.append(", provides: ").append(SupergraphPrinter.quote(FieldSets.minify(j.provides())));
      }
      if (j.type() != null) {
        out.append(", type: ").append(SupergraphPrinter.quote(j.type()));
      }
      if (j.external()) {
        out.append(", external: true");
      }
      if (j.override() != null) {
        out.append(", override: ").append(SupergraphPrinter.quote(j.override()));
      }
      if (j.usedOverridden()) {
        out.append(", usedOverridden: true");
      }
      if (j.overrideLabel() != null) {
        out.append(", overrideLabel: ").append(SupergraphPrinter.quote(j.overrideLabel()));
      }
      out.append(")");
    }
  }

  private List<Join> joins() {
    boolean isQuery = type.name.equals("Query");
    boolean differentType =
        field.byGraph.values().stream().anyMatch(m -> !m.type.equals(field.type));
    boolean usedAsKey = field.byGraph.values().stream().anyMatch(m -> m.usedAsKey);
    boolean override = false;
    boolean differences = differentType;
    Set<String> overridden = new HashSet<>();
    for (Map.Entry<String, Member> e : field.byGraph.entrySet()) {
      Member m = e.getValue();
      TypeDef def = type.byGraph.get(e.getKey());
      if (m.external && !(def.interfaceObject && type.kind == Subgraph.Kind.INTERFACE)) {
        // an @interfaceObject's external copy of an interface field is no difference, as in the
        // reference composer
        differences |= usedAsKey ? !def.extension : true;
      }
      if (m.overrideFrom != null) {
        override = true;
        overridden.add(m.overrideFrom);
      }
      differences |= m.provides != null || m.requires != null || m.overrideLabel != null;
    }
    int graphCount = isQuery ? subgraphs.size() : type.byGraph.size();
    boolean everywhere = field.byGraph.size() == graphCount;
    List<Join> joins = new ArrayList<>();
    if (isQuery) {
      if (override && subgraphs.size() > 1) {
        field.byGraph.forEach(
            (g, m) -> {
              if (m.overrideFrom != null
                  || m.overrideLabel != null
                  || (m.shareable && !overridden.contains(g))) {
                joins.add(
                    new Join(
                        g,
                        differentType ? m.type : null,
                        m.overrideFrom,
                        m.overrideLabel,
                        false,
                        m.external,
                        m.provides,
                        m.requires));
              }
            });
      } else if (subgraphs.size() > 1 && !everywhere) {
        boolean provides = field.byGraph.values().stream().anyMatch(m -> m.provides != null);
        field.byGraph.forEach(
            (g, m) ->
                joins.add(
                    new Join(
                        g, null, null, null, false, false, provides ? m.provides : null, null)));
      }
    } else if (override) {
      field.byGraph.forEach(
          (g, m) -> {
            boolean source = overridden.contains(g);
            boolean external = externalOnJoin(g, m);
            boolean usedOverridden = source && m.usedAsKey && !m.external;
            String label = m.overrideLabel;
            if (label == null) {
              for (Member o : field.byGraph.values()) {
                if (g.equals(o.overrideFrom) && o.overrideLabel != null) {
                  label = o.overrideLabel;
                }
              }
            }
            boolean emit =
                (external && m.required)
                    || label != null
                    || usedOverridden
                    || (source && m.required && !external)
                    || !source;
            if (emit) {
              joins.add(
                  new Join(
                      g,
                      differentType ? m.type : null,
                      m.overrideFrom,
                      label,
                      usedOverridden || (source && m.required && !external),
                      external,
                      m.provides,
                      m.requires));
            }
          });
      if (everywhere && joins.size() == 1 && joinTypeCount == 1 && type.byGraph.size() == 1) {
        return List.of();
      }
    } else if (!everywhere || differences) {
      field.byGraph.forEach(
          (g, m) -> {
            TypeDef def = type.byGraph.get(g);
            boolean external = externalOnJoin(g, m);
            boolean requiredOrProvided = m.required || m.provided;
            if (m.external && !m.usedAsKey && !requiredOrProvided && subgraph(g).isFed1()) {
              return;
            }
            Join j =
                new Join(
                    g,
                    differentType ? m.type : null,
                    null,
                    null,
                    false,
                    external,
                    m.provides,
                    m.requires);
            boolean metadata = j.type() != null || j.provides() != null || j.requires() != null;
            if (external
                && def.extension
                && !metadata
                && !requiredOrProvided
                && !interfaceField(g)) {
              return;
            }
            joins.add(j);
          });
    }
    if (joins.size() == 1 && joinTypeCount == 1 && joins.get(0).plain()) {
      return List.of();
    }
    return joins;
  }

  private boolean externalOnJoin(String graph, Member m) {
    if (!m.external) {
      return false;
    }
    if (m.provided) {
      return true;
    }
    return !(m.usedAsKey && type.byGraph.get(graph).extension);
  }

  private boolean interfaceField(String graph) {
    Subgraph s = subgraph(graph);
    for (String i : type.byGraph.get(graph).interfaces) {
      TypeDef it = s.types.get(i);
      if (it != null && it.fields.containsKey(field.name)) {
        return true;
      }
    }
    return false;
  }
}
