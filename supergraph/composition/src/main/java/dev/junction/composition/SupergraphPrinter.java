package dev.junction.composition;

import dev.junction.composition.MergedType.MergedField;
import dev.junction.composition.Subgraph.Kind;
import dev.junction.composition.Subgraph.Member;
import dev.junction.composition.Subgraph.TypeDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints the merged types as a supergraph SDL ({@code link} v1.0 + {@code join}). */
final class SupergraphPrinter {

  private final List<Subgraph> subgraphs;
  private final Map<String, MergedType> types;
  private final StringBuilder out = new StringBuilder();
  private boolean usesInaccessible;
  private boolean usesTag;
  private final MetadataDirectives.Uses meta = new MetadataDirectives.Uses();

  SupergraphPrinter(List<Subgraph> subgraphs, Map<String, MergedType> types) {
    this.subgraphs = subgraphs;
    this.types = types;
  }

  static String graphId(String name) {
    return name.toUpperCase(java.util.Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
  }

  String print() {
    StringBuilder body = new StringBuilder();
    StringBuilder saved = new StringBuilder();
    List<MergedType> ordered = new ArrayList<>(types.values());
    List<Kind> kinds =
        List.of(Kind.SCALAR, Kind.OBJECT, Kind.INTERFACE, Kind.UNION, Kind.ENUM, Kind.INPUT);
    ordered.sort(java.util.Comparator.comparingInt(t -> kinds.indexOf(t.kind)));
    for (MergedType t : ordered) {
      out.setLength(0);
      switch (t.kind) {
        case OBJECT -> printComposite(t, "type");
        case INTERFACE -> printComposite(t, "interface");
        case UNION -> printUnion(t);
        case ENUM -> printEnum(t);
        case INPUT -> printInput(t);
        case SCALAR -> printScalar(t);
      }
      body.append(out).append('\n');
    }
    out.setLength(0);
    printHeader();
    saved.append(out).append(body);
    return saved.toString().trim() + "\n";
  }

  private void printHeader() {
    String join = joinVersion();
    out.append("schema @link(url: \"https://specs.apollo.dev/link/v1.0\")");
    out.append(" @link(url: \"https://specs.apollo.dev/join/").append(join);
    out.append("\", for: EXECUTION)");
    if (usesTag) {
      out.append(" @link(url: \"https://specs.apollo.dev/tag/v0.3\")");
    }
    if (usesInaccessible) {
      out.append(" @link(url: \"https://specs.apollo.dev/inaccessible/v0.2\", for: SECURITY)");
    }
    out.append(MetadataDirectives.links(meta));
    out.append(" {\n");
    for (String root : List.of("Query", "Mutation", "Subscription")) {
      if (types.containsKey(root)) {
        out.append("  ").append(Character.toLowerCase(root.charAt(0))).append(root.substring(1));
        out.append(": ").append(root).append('\n');
      }
    }
    out.append("}\n\n");
    out.append(
        """
        directive @join__enumValue(graph: join__Graph!) repeatable on ENUM_VALUE

        directive @join__graph(name: String!, url: String!) on ENUM_VALUE

        directive @join__field(
          graph: join__Graph
          requires: join__FieldSet
          provides: join__FieldSet
          type: String
          external: Boolean
          override: String
          usedOverridden: Boolean%s
        ) repeatable on FIELD_DEFINITION | INPUT_FIELD_DEFINITION

        directive @join__implements(graph: join__Graph!, interface: String!) \
        repeatable on OBJECT | INTERFACE

        directive @join__type(
          graph: join__Graph!
          key: join__FieldSet
          extension: Boolean! = false
          resolvable: Boolean! = true
          isInterfaceObject: Boolean! = false
        ) repeatable on OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR

        directive @join__unionMember(graph: join__Graph!, member: String!) repeatable on UNION

        scalar join__FieldSet

        directive @link(url: String, as: String, for: link__Purpose, import: [link__Import]) \
        repeatable on SCHEMA

        scalar link__Import

        enum link__Purpose {
          \"""
          `SECURITY` features provide metadata necessary to securely resolve fields.
          \"""
          SECURITY
          \"""
          `EXECUTION` features provide metadata necessary for operation execution.
          \"""
          EXECUTION
        }

        """
            .formatted(
                (join.equals("v0.3") ? "" : "\n  overrideLabel: String")
                    + (join.equals("v0.5")
                        ? "\n  contextArguments: [join__ContextArgument!]"
                        : "")));
    if (join.equals("v0.5")) {
      out.append(
          "input join__ContextArgument {\n  name: String!\n  type: String!\n  context: String!\n"
              + "  selection: join__FieldValue!\n}\n\nscalar join__FieldValue\n\n");
    }
    if (usesTag) {
      out.append(
          "directive @tag(name: String!) repeatable on FIELD_DEFINITION | OBJECT | INTERFACE"
              + " | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT"
              + " | INPUT_FIELD_DEFINITION | SCHEMA\n\n");
    }
    if (usesInaccessible) {
      out.append(
          "directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ENUM"
              + " | ENUM_VALUE | SCALAR | INPUT_OBJECT | INPUT_FIELD_DEFINITION"
              + " | ARGUMENT_DEFINITION\n\n");
    }
    out.append(MetadataDirectives.definitions(meta));
    out.append(ExecutableDirectives.print(subgraphs));
    out.append("enum join__Graph {\n");
    for (Subgraph s : subgraphs) {
      out.append("  ").append(graphId(s.name)).append(" @join__graph(name: ");
      out.append(quote(s.name)).append(", url: ").append(quote(s.url)).append(")\n");
    }
    out.append("}\n\n");
  }

  /** The join spec version for the highest federation version in use (as the reference does). */
  private String joinVersion() {
    int max = 0;
    for (Subgraph s : subgraphs) {
      String[] parts = s.federationVersion.substring(1).split("\\.");
      max = Math.max(max, Integer.parseInt(parts[0]) * 100 + Integer.parseInt(parts[1]));
    }
    return max >= 208 ? "v0.5" : max >= 207 ? "v0.4" : "v0.3";
  }

  private void description(String description, String indent) {
    if (description == null || description.isEmpty()) {
      return;
    }
    out.append(indent).append("\"\"\"\n");
    for (String line : description.replace("\"\"\"", "\\\"\"\"").split("\n", -1)) {
      out.append(line.isEmpty() ? "" : indent + line).append('\n');
    }
    out.append(indent).append("\"\"\"\n");
  }

  private void typeDirectives(MergedType t) {
    if (t.inaccessible) {
      usesInaccessible = true;
      out.append(" @inaccessible");
    }
    for (String tag : t.tags) {
      usesTag = true;
      out.append(" @tag(name: ").append(quote(tag)).append(")");
    }
    List<MetadataDirectives> declared = new ArrayList<>();
    t.byGraph.values().forEach(d -> declared.add(d.meta));
    if (t.kind == Kind.INTERFACE) {
      for (MergedType impl : implementations(t)) {
        impl.byGraph.values().forEach(d -> declared.add(d.meta.authorizationOnly()));
      }
    }
    out.append(MetadataDirectives.print(declared, meta));
  }

  /** The object types that implement an interface in some subgraph. */
  private List<MergedType> implementations(MergedType iface) {
    List<MergedType> out = new ArrayList<>();
    for (MergedType candidate : types.values()) {
      if (candidate.kind == Kind.OBJECT
          && candidate.byGraph.values().stream().anyMatch(d -> d.interfaces.contains(iface.name))) {
        out.add(candidate);
      }
    }
    return out;
  }

  private void memberDirectives(MergedField f) {
    memberDirectives(f, List.of());
  }

  /** An interface field inherits the authorization of its implementations' fields. */
  private void memberDirectives(MergedType owner, MergedField f) {
    List<MetadataDirectives> inherited = new ArrayList<>();
    if (owner.kind == Kind.INTERFACE) {
      for (MergedType impl : implementations(owner)) {
        MergedField implField = impl.fields.get(f.name);
        if (implField != null) {
          implField.byGraph.values().forEach(m -> inherited.add(m.meta.authorizationOnly()));
        }
      }
    }
    memberDirectives(f, inherited);
  }

  private void memberDirectives(MergedField f, List<MetadataDirectives> inherited) {
    if (f.deprecated != null) {
      out.append(" @deprecated");
      if (!f.deprecated.isEmpty()) {
        out.append("(reason: ").append(quote(f.deprecated)).append(")");
      }
    }
    if (f.inaccessible) {
      usesInaccessible = true;
      out.append(" @inaccessible");
    }
    for (String tag : f.tags) {
      usesTag = true;
      out.append(" @tag(name: ").append(quote(tag)).append(")");
    }
    List<MetadataDirectives> declared = new ArrayList<>();
    f.byGraph.values().forEach(m -> declared.add(m.meta));
    declared.addAll(inherited);
    out.append(MetadataDirectives.print(declared, meta));
  }

  private List<String> joinTypeGraphs(MergedType t) {
    if (t.name.equals("Query")) {
      return subgraphs.stream().map(s -> s.name).toList();
    }
    List<String> graphs = new ArrayList<>();
    t.byGraph.forEach(
        (g, def) -> {
          boolean keep =
              t.kind != Kind.OBJECT
                  || !def.keys.isEmpty()
                  || def.hasDefinition
                  || def.fields.values().stream()
                      .anyMatch(m -> !m.external || m.provided || m.required || def.extension);
          if (keep) {
            graphs.add(g);
          }
        });
    return graphs;
  }

  private int printJoinTypes(MergedType t) {
    int count = 0;
    for (String g : joinTypeGraphs(t)) {
      TypeDef def = t.byGraph.get(g);
      Subgraph s = subgraph(g);
      if (def == null || def.keys.isEmpty()) {
        out.append(" @join__type(graph: ").append(graphId(g));
        if (def != null && def.interfaceObject) {
          out.append(", isInterfaceObject: true");
        }
        out.append(")");
        count++;
        continue;
      }
      boolean extension =
          def.extendsDirective || (def.extension && !s.isFed1() && !def.hasDefinition);
      for (Subgraph.Key key : def.keys) {
        out.append(" @join__type(graph: ").append(graphId(g)).append(", key: ");
        out.append(quote(key.fields()));
        if (extension) {
          out.append(", extension: true");
        }
        if (!key.resolvable()) {
          out.append(", resolvable: false");
        }
        if (def.interfaceObject) {
          out.append(", isInterfaceObject: true");
        }
        out.append(")");
        count++;
      }
    }
    return count;
  }

  private Subgraph subgraph(String name) {
    return subgraphs.stream().filter(s -> s.name.equals(name)).findFirst().orElseThrow();
  }

  private void printComposite(MergedType t, String keyword) {
    description(t.description, "");
    out.append(keyword).append(' ').append(t.name);
    Map<String, List<String>> implementsByGraph = new LinkedHashMap<>();
    t.byGraph.forEach(
        (g, def) ->
            def.interfaces.forEach(
                i -> implementsByGraph.computeIfAbsent(i, k -> new ArrayList<>()).add(g)));
    if (!implementsByGraph.isEmpty()) {
      out.append(" implements ").append(String.join(" & ", implementsByGraph.keySet()));
    }
    int joinTypes = printJoinTypes(t);
    implementsByGraph.forEach(
        (i, graphs) ->
            graphs.forEach(
                g ->
                    out.append(" @join__implements(graph: ")
                        .append(graphId(g))
                        .append(", interface: ")
                        .append(quote(i))
                        .append(")")));
    typeDirectives(t);
    out.append(" {\n");
    List<MergedField> fields = new ArrayList<>(t.fields.values());
    fields.sort(
        java.util.Comparator.comparing(
            f -> f.byGraph.values().stream().anyMatch(m -> m.usedAsKey) ? 0 : 1));
    for (MergedField f : fields) {
      description(f.description, "  ");
      out.append("  ").append(f.name);
      printArguments(f);
      out.append(": ").append(f.type);
      new JoinFields(t, f, subgraphs, joinTypes).appendTo(out);
      memberDirectives(t, f);
      out.append('\n');
    }
    for (String i : implementsByGraph.keySet()) {
      MergedType iface = types.get(i);
      if (iface == null || !iface.hasInterfaceObject() || t.kind != Kind.OBJECT) {
        continue;
      }
      for (MergedField f : iface.fields.values()) {
        if (!t.fields.containsKey(f.name)) {
          description(f.description, "  ");
          out.append("  ").append(f.name);
          printArguments(f);
          out.append(": ").append(f.type).append(" @join__field");
          memberDirectives(f);
          out.append('\n');
        }
      }
    }
    out.append("}\n");
  }

  private void printArguments(MergedField f) {
    Map<String, List<Member>> args = new LinkedHashMap<>();
    for (Member m : f.byGraph.values()) {
      m.args.values().forEach(a -> args.computeIfAbsent(a.name, k -> new ArrayList<>()).add(a));
    }
    args.values().removeIf(list -> list.size() != f.byGraph.size());
    if (args.isEmpty()) {
      return;
    }
    List<String> printed = new ArrayList<>();
    boolean described = false;
    for (List<Member> list : args.values()) {
      MergedField arg = new MergedField(list.get(0).name);
      String defaultValue = null;
      for (Member a : list) {
        arg.byGraph.put(arg.name + arg.byGraph.size(), a);
        if (arg.description == null) {
          arg.description = a.description;
        }
        if (arg.deprecated == null) {
          arg.deprecated = a.deprecated;
        }
        if (defaultValue == null) {
          defaultValue = a.defaultValue;
        }
        arg.inaccessible |= a.inaccessible;
        arg.tags.addAll(a.tags);
      }
      StringBuilder saved = new StringBuilder(out);
      out.setLength(0);
      if (arg.description != null) {
        described = true;
        description(arg.description, "    ");
        out.append("    ");
      }
      out.append(arg.name).append(": ").append(inputType(list));
      if (defaultValue != null) {
        out.append(" = ").append(defaultValue);
      }
      memberDirectives(arg);
      printed.add(out.toString());
      out.setLength(0);
      out.append(saved);
    }
    if (described) {
      out.append("(\n");
      printed.forEach(p -> out.append(p.startsWith("    ") ? p : "    " + p).append('\n'));
      out.append("  )");
    } else {
      out.append('(').append(String.join(", ", printed)).append(')');
    }
  }

  private static String inputType(List<Member> members) {
    String type = members.get(0).type;
    for (Member m : members) {
      if (m.type.endsWith("!")) {
        type = m.type;
      }
    }
    return type;
  }

  private void printUnion(MergedType t) {
    description(t.description, "");
    out.append("union ").append(t.name);
    printJoinTypes(t);
    List<String> members = new ArrayList<>();
    t.byGraph.forEach(
        (g, def) ->
            def.members.forEach(
                m -> {
                  out.append(" @join__unionMember(graph: ").append(graphId(g));
                  out.append(", member: ").append(quote(m)).append(")");
                  if (!members.contains(m)) {
                    members.add(m);
                  }
                }));
    typeDirectives(t);
    out.append(" = ").append(String.join(" | ", members)).append('\n');
  }

  private void printEnum(MergedType t) {
    description(t.description, "");
    out.append("enum ").append(t.name);
    printJoinTypes(t);
    typeDirectives(t);
    out.append(" {\n");
    for (MergedField v : t.fields.values()) {
      description(v.description, "  ");
      out.append("  ").append(v.name);
      v.byGraph
          .keySet()
          .forEach(g -> out.append(" @join__enumValue(graph: ").append(graphId(g)).append(")"));
      memberDirectives(v);
      out.append('\n');
    }
    out.append("}\n");
  }

  private void printInput(MergedType t) {
    description(t.description, "");
    out.append("input ").append(t.name);
    printJoinTypes(t);
    typeDirectives(t);
    out.append(" {\n");
    for (MergedField f : t.fields.values()) {
      description(f.description, "  ");
      out.append("  ").append(f.name).append(": ").append(f.type);
      String defaultValue =
          f.byGraph.values().stream()
              .map(m -> m.defaultValue)
              .filter(java.util.Objects::nonNull)
              .findFirst()
              .orElse(null);
      if (defaultValue != null) {
        out.append(" = ").append(defaultValue);
      }
      boolean differentTypes = f.byGraph.values().stream().anyMatch(m -> !m.type.equals(f.type));
      if (differentTypes) {
        f.byGraph.forEach(
            (g, m) ->
                out.append(" @join__field(graph: ")
                    .append(graphId(g))
                    .append(", type: ")
                    .append(quote(m.type))
                    .append(")"));
      }
      memberDirectives(f);
      out.append('\n');
    }
    out.append("}\n");
  }

  private void printScalar(MergedType t) {
    description(t.description, "");
    out.append("scalar ").append(t.name);
    printJoinTypes(t);
    typeDirectives(t);
    out.append('\n');
  }

  static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        default -> b.append(c);
      }
    }
    return b.append('"').toString();
  }
}
