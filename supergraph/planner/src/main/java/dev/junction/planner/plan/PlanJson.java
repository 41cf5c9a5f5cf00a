package dev.junction.planner.plan;

import java.util.List;

/** Renders a plan as stable, indented JSON (for plan inspection and plan tests). */
public final class PlanJson {
  private PlanJson() {}

  public static String render(QueryPlan plan) {
    StringBuilder sb = new StringBuilder();
    sb.append("{\n  \"kind\": \"QueryPlan\",\n  \"operationKind\": ")
        .append(str(plan.operationKind()))
        .append(",\n  \"node\": ");
    if (plan.node() == null) {
      sb.append("null");
    } else {
      node(plan.node(), sb, 2);
    }
    return sb.append("\n}\n").toString();
  }

  /** {@code "renames": {"alias": "key", ...},} in sorted order, when there are any. */
  private static void renames(java.util.Map<String, String> renames, StringBuilder sb, String in) {
    if (renames.isEmpty()) {
      return;
    }
    sb.append(in).append("\"renames\": {");
    boolean first = true;
    for (String alias : new java.util.TreeSet<>(renames.keySet())) {
      sb.append(first ? "" : ", ").append(str(alias)).append(": ").append(str(renames.get(alias)));
      first = false;
    }
    sb.append("},\n");
  }

  private static void node(PlanNode n, StringBuilder sb, int indent) {
    String pad = " ".repeat(indent);
    String in = " ".repeat(indent + 2);
    if (n instanceof PlanNode.Fetch f) {
      sb.append("{\n")
          .append(in)
          .append("\"kind\": \"Fetch\",\n")
          .append(in)
          .append("\"subgraph\": ")
          .append(str(f.subgraph()))
          .append(",\n")
          .append(in)
          .append("\"variableUsages\": ")
          .append(strs(f.variableUsages()))
          .append(",\n");
      if (!f.requires().isEmpty()) {
        sb.append(in).append("\"requires\": ");
        requires(f.requires(), sb);
        sb.append(",\n");
      }
      renames(f.renames(), sb, in);
      sb.append(in)
          .append("\"operation\": ")
          .append(str(f.operation()))
          .append('\n')
          .append(pad)
          .append('}');
    } else if (n instanceof PlanNode.Flatten fl) {
      sb.append("{\n")
          .append(in)
          .append("\"kind\": \"Flatten\",\n")
          .append(in)
          .append("\"path\": ")
          .append(strs(fl.path()))
          .append(",\n")
          .append(in)
          .append("\"node\": ");
      node(fl.node(), sb, indent + 2);
      sb.append('\n').append(pad).append('}');
    } else if (n instanceof PlanNode.EntityBatch b) {
      sb.append("{\n")
          .append(in)
          .append("\"kind\": \"EntityBatch\",\n")
          .append(in)
          .append("\"subgraph\": ")
          .append(str(b.subgraph()))
          .append(",\n")
          .append(in)
          .append("\"variableUsages\": ")
          .append(strs(b.variableUsages()))
          .append(",\n")
          .append(in)
          .append("\"parts\": [");
      for (int i = 0; i < b.parts().size(); i++) {
        PlanNode.EntityBatch.Part part = b.parts().get(i);
        sb.append(i == 0 ? "\n" : ",\n")
            .append(in)
            .append("  {\"alias\": ")
            .append(str(PlanNode.EntityBatch.alias(i)))
            .append(", \"path\": ")
            .append(strs(part.path()))
            .append(", \"requires\": ");
        requires(part.requires(), sb);
        sb.append('}');
      }
      sb.append("\n").append(in).append("],\n");
      renames(b.renames(), sb, in);
      sb.append(in)
          .append("\"operation\": ")
          .append(str(b.operation()))
          .append('\n')
          .append(pad)
          .append('}');
    } else if (n instanceof PlanNode.Condition c) {
      sb.append("{\n")
          .append(in)
          .append("\"kind\": \"Condition\",\n")
          .append(in)
          .append("\"variable\": ")
          .append(str(c.variable()))
          .append(",\n")
          .append(in)
          .append("\"expected\": ")
          .append(c.expected())
          .append(",\n")
          .append(in)
          .append("\"node\": ");
      node(c.node(), sb, indent + 2);
      sb.append('\n').append(pad).append('}');
    } else if (n instanceof PlanNode.Subscription sub) {
      sb.append("{\n")
          .append(in)
          .append("\"kind\": \"Subscription\",\n")
          .append(in)
          .append("\"primary\": ");
      node(sub.primary(), sb, indent + 2);
      if (sub.rest() != null) {
        sb.append(",\n").append(in).append("\"rest\": ");
        node(sub.rest(), sb, indent + 2);
      }
      sb.append('\n').append(pad).append('}');
    } else if (n instanceof PlanNode.Defer d) {
      sb.append("{\n")
          .append(in)
          .append("\"kind\": \"Defer\",\n")
          .append(in)
          .append("\"primary\": ");
      if (d.primary() == null) {
        sb.append("null");
      } else {
        node(d.primary(), sb, indent + 2);
      }
      sb.append(",\n").append(in).append("\"deferred\": [");
      String in2 = " ".repeat(indent + 4);
      for (int i = 0; i < d.deferred().size(); i++) {
        PlanNode.Deferred part = d.deferred().get(i);
        sb.append(i == 0 ? "\n" : ",\n")
            .append(in2)
            .append("{\"id\": ")
            .append(part.id())
            .append(", \"parent\": ")
            .append(part.parent())
            .append(", \"label\": ")
            .append(part.label() == null ? "null" : str(part.label()))
            .append(", \"path\": ")
            .append(strs(part.path()));
        if (part.ifVariable() != null) {
          sb.append(", \"if\": ").append(str(part.ifVariable()));
        }
        sb.append(", \"node\": ");
        if (part.node() == null) {
          sb.append("null}");
        } else {
          node(part.node(), sb, indent + 4);
          sb.append('}');
        }
      }
      sb.append('\n').append(in).append("]\n").append(pad).append('}');
    } else if (n instanceof PlanNode.Sequence s) {
      list("Sequence", s.nodes(), sb, indent);
    } else if (n instanceof PlanNode.Parallel p) {
      list("Parallel", p.nodes(), sb, indent);
    }
  }

  private static void list(String kind, List<PlanNode> nodes, StringBuilder sb, int indent) {
    String pad = " ".repeat(indent);
    String in = " ".repeat(indent + 2);
    sb.append("{\n")
        .append(in)
        .append("\"kind\": \"")
        .append(kind)
        .append("\",\n")
        .append(in)
        .append("\"nodes\": [\n");
    for (int i = 0; i < nodes.size(); i++) {
      sb.append(in).append("  ");
      node(nodes.get(i), sb, indent + 4);
      sb.append(i + 1 < nodes.size() ? ",\n" : "\n");
    }
    sb.append(in).append("]\n").append(pad).append('}');
  }

  private static void requires(List<EntityInput> inputs, StringBuilder sb) {
    sb.append('[');
    for (int j = 0; j < inputs.size(); j++) {
      EntityInput e = inputs.get(j);
      sb.append(j == 0 ? "" : ", ")
          .append("{\"types\": ")
          .append(strs(e.typeNames().stream().sorted().toList()));
      if (e.typenameAs() != null) {
        sb.append(", \"typenameAs\": ").append(str(e.typenameAs()));
      }
      sb.append(", \"selection\": ").append(str(selection(e.selections()))).append('}');
    }
    sb.append(']');
  }

  /** A representation shape as GraphQL selection text. */
  public static String selection(List<InputSelection> selections) {
    StringBuilder sb = new StringBuilder("{");
    for (int i = 0; i < selections.size(); i++) {
      sb.append(i == 0 ? " " : " ");
      InputSelection s = selections.get(i);
      if (s instanceof InputSelection.Field f) {
        if (!f.responseKey().equals(f.name())) {
          sb.append(f.responseKey()).append(": ");
        }
        sb.append(f.name());
        if (f.selections() != null) {
          sb.append(' ').append(selection(f.selections()));
        }
      } else if (s instanceof InputSelection.Fragment fr) {
        sb.append("... on ")
            .append(fr.typeCondition())
            .append(' ')
            .append(selection(fr.selections()));
      }
    }
    return sb.append(" }").toString();
  }

  private static String strs(List<String> values) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < values.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append(str(values.get(i)));
    }
    return sb.append(']').toString();
  }

  static String str(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
