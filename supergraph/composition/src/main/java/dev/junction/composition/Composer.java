package dev.junction.composition;

import dev.junction.composition.MergedType.MergedField;
import dev.junction.composition.Subgraph.Kind;
import dev.junction.composition.Subgraph.Member;
import dev.junction.composition.Subgraph.TypeDef;
import graphql.language.ListType;
import graphql.language.NonNullType;
import graphql.language.Type;
import graphql.language.TypeName;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Composes Federation subgraph schemas (v1 and v2) into a supergraph SDL using the {@code join}
 * specification.
 */
public final class Composer {

  private final List<Subgraph> subgraphs = new ArrayList<>();
  private final Map<String, MergedType> types = new LinkedHashMap<>();
  private final List<CompositionError> errors = new ArrayList<>();

  private Composer() {}

  /** Composes the given subgraphs; never throws for bad input, returns errors instead. */
  public static CompositionResult compose(List<SubgraphSource> sources) {
    return new Composer().run(sources);
  }

  private CompositionResult run(List<SubgraphSource> sources) {
    if (sources.isEmpty()) {
      return failed(error("NO_SUBGRAPHS", List.of(), "", "No subgraphs to compose."));
    }
    Set<String> names = new HashSet<>();
    for (SubgraphSource source : sources) {
      if (!names.add(source.name())) {
        errors.add(
            error(
                "DUPLICATE_SUBGRAPH_NAME",
                List.of(source.name()),
                "",
                "Subgraph name \"" + source.name() + "\" is used twice: give each a unique name."));
      }
      Subgraph s = Subgraph.parse(source, errors);
      if (s != null) {
        subgraphs.add(s);
      }
    }
    if (!errors.isEmpty()) {
      return failed(null);
    }
    subgraphs.forEach(this::checkReferences);
    if (!errors.isEmpty()) {
      return failed(null);
    }
    for (Subgraph s : subgraphs) {
      new FieldSetChecks(s, errors).run();
      new MetadataChecks(s, errors).run();
    }
    mergeTypes();
    if (!errors.isEmpty()) {
      return failed(null);
    }
    MergedType query = types.get("Query");
    if (query == null || query.byGraph.values().stream().allMatch(t -> t.fields.isEmpty())) {
      errors.add(
          error(
              "NO_QUERIES",
              subgraphs.stream().map(s -> s.name).toList(),
              "Query",
              "No subgraph defines a Query root field: a supergraph needs at least one; add a"
                  + " field to type Query in one of the subgraphs."));
      types.remove("Query");
    }
    mergeFields();
    new Validations(subgraphs, types, errors).run();
    new AuthOnRequires(types, errors).run();
    if (!errors.isEmpty()) {
      return failed(null);
    }
    new Satisfiability(subgraphs, types, errors).run();
    if (!errors.isEmpty()) {
      return failed(null);
    }
    return new CompositionResult(new SupergraphPrinter(subgraphs, types).print(), List.of());
  }

  private CompositionResult failed(CompositionError extra) {
    List<CompositionError> all = new ArrayList<>(errors);
    if (extra != null) {
      all.add(extra);
    }
    return new CompositionResult(null, List.copyOf(all));
  }

  static CompositionError error(
      String code, List<String> subgraphs, String coordinate, String message) {
    return new CompositionError(code, List.copyOf(subgraphs), coordinate, message);
  }

  static final Set<String> BUILT_IN_SCALARS = Set.of("String", "Int", "Float", "Boolean", "ID");

  /** Every type a subgraph references must be defined in it (or be a built-in scalar). */
  private void checkReferences(Subgraph s) {
    for (TypeDef t : s.types.values()) {
      List<String> referenced = new ArrayList<>(t.interfaces);
      referenced.addAll(t.members);
      for (Member f : t.fields.values()) {
        if (f.type != null) {
          referenced.add(Subgraph.namedType(f.type));
        }
        f.args.values().forEach(a -> referenced.add(Subgraph.namedType(a.type)));
      }
      for (String name : referenced) {
        if (!s.types.containsKey(name)
            && !BUILT_IN_SCALARS.contains(name)
            && !Subgraph.isFederationType(name)) {
          errors.add(
              error(
                  "INVALID_GRAPHQL",
                  List.of(s.name),
                  t.name,
                  "Type \""
                      + t.name
                      + "\" in subgraph \""
                      + s.name
                      + "\" references unknown type \""
                      + name
                      + "\": define it in that subgraph."));
          return;
        }
      }
    }
  }

  private void mergeTypes() {
    for (Subgraph s : subgraphs) {
      for (TypeDef t : s.types.values()) {
        Kind kind = t.interfaceObject ? Kind.INTERFACE : t.kind;
        MergedType m = types.computeIfAbsent(t.name, n -> new MergedType(n, kind));
        if (m.kind != kind) {
          errors.add(
              error(
                  "TYPE_KIND_MISMATCH",
                  graphsOf(m, s.name),
                  t.name,
                  "Type \""
                      + t.name
                      + "\" is a "
                      + m.kind.name().toLowerCase()
                      + " in some subgraphs but a "
                      + kind.name().toLowerCase()
                      + " in subgraph \""
                      + s.name
                      + "\": use the same kind of type everywhere or rename one."));
          continue;
        }
        m.byGraph.put(s.name, t);
        if (m.description == null) {
          m.description = t.description;
        }
        m.inaccessible |= t.inaccessible;
        m.tags.addAll(t.tags);
      }
    }
  }

  private static List<String> graphsOf(MergedType m, String extra) {
    List<String> graphs = new ArrayList<>(m.byGraph.keySet());
    graphs.add(extra);
    return graphs;
  }

  private void mergeFields() {
    Map<String, Boolean[]> enumUsage = enumUsage();
    for (MergedType m : types.values()) {
      for (Map.Entry<String, TypeDef> e : m.byGraph.entrySet()) {
        for (Member member : e.getValue().fields.values()) {
          MergedField f = m.fields.computeIfAbsent(member.name, MergedField::new);
          f.byGraph.put(e.getKey(), member);
          if (f.description == null) {
            f.description = member.description;
          }
          if (f.deprecated == null) {
            f.deprecated = member.deprecated;
          }
          f.inaccessible |= member.inaccessible;
          f.tags.addAll(member.tags);
        }
      }
      switch (m.kind) {
        case OBJECT, INTERFACE -> m.fields.values().forEach(f -> f.type = mergeType(m, f, false));
        case INPUT -> mergeInput(m);
        case ENUM -> mergeEnum(m, enumUsage.getOrDefault(m.name, new Boolean[] {false, false}));
        default -> {}
      }
    }
  }

  private String mergeType(MergedType m, MergedField f, boolean input) {
    Type<?> merged = null;
    for (Member member : f.byGraph.values()) {
      Type<?> t = Subgraph.parseType(member.type);
      if (merged == null) {
        merged = t;
        continue;
      }
      Type<?> next = input ? mergeInputType(merged, t) : mergeOutputType(merged, t);
      if (next == null) {
        List<String> graphs = new ArrayList<>(f.byGraph.keySet());
        StringBuilder types = new StringBuilder();
        f.byGraph.forEach((g, mem) -> types.append(" ").append(g).append(": ").append(mem.type));
        errors.add(
            error(
                "FIELD_TYPE_MISMATCH",
                graphs,
                m.name + "." + f.name,
                "Field \""
                    + m.name
                    + "."
                    + f.name
                    + "\" has incompatible types across subgraphs ("
                    + types.toString().trim()
                    + "): declare the same type (nullability may differ) in every subgraph."));
        return f.byGraph.values().iterator().next().type;
      }
      merged = next;
    }
    String result = graphql.language.AstPrinter.printAst(merged);
    if (!input) {
      checkExternalTypes(m, f);
    }
    return result;
  }

  /** An {@code @external} declaration must have exactly the type of the resolving subgraphs. */
  private void checkExternalTypes(MergedType m, MergedField f) {
    Set<String> resolved = new java.util.LinkedHashSet<>();
    f.byGraph.values().stream().filter(x -> !x.external).forEach(x -> resolved.add(x.type));
    for (Map.Entry<String, Member> e : f.byGraph.entrySet()) {
      Member x = e.getValue();
      if (x.external && !resolved.isEmpty() && !resolved.contains(x.type)) {
        errors.add(
            error(
                "EXTERNAL_TYPE_MISMATCH",
                List.of(e.getKey()),
                m.name + "." + f.name,
                "Field \""
                    + m.name
                    + "."
                    + f.name
                    + "\" is declared @external with type "
                    + x.type
                    + " in subgraph \""
                    + e.getKey()
                    + "\" but resolved with type "
                    + String.join(" / ", resolved)
                    + " elsewhere: declare the same type."));
        return;
      }
    }
  }

  /** Output positions: nullable wins. Returns {@code null} when the shapes differ. */
  private Type<?> mergeOutputType(Type<?> a, Type<?> b) {
    boolean nonNull = a instanceof NonNullType && b instanceof NonNullType;
    Type<?> inner = mergeShape(unwrap(a), unwrap(b), false);
    return inner == null ? null : nonNull ? new NonNullType(inner) : inner;
  }

  /** Input positions: non-null wins. */
  private Type<?> mergeInputType(Type<?> a, Type<?> b) {
    boolean nonNull = a instanceof NonNullType || b instanceof NonNullType;
    Type<?> inner = mergeShape(unwrap(a), unwrap(b), true);
    return inner == null ? null : nonNull ? new NonNullType(inner) : inner;
  }

  private Type<?> mergeShape(Type<?> a, Type<?> b, boolean input) {
    if (a instanceof ListType la && b instanceof ListType lb) {
      Type<?> inner =
          input
              ? mergeInputType(la.getType(), lb.getType())
              : mergeOutputType(la.getType(), lb.getType());
      return inner == null ? null : new ListType(inner);
    }
    if (a instanceof TypeName na && b instanceof TypeName nb) {
      if (na.getName().equals(nb.getName())) {
        return na;
      }
      if (!input && isSubtype(nb.getName(), na.getName())) {
        return na;
      }
      if (!input && isSubtype(na.getName(), nb.getName())) {
        return nb;
      }
    }
    return null;
  }

  /** Whether {@code type} implements interface {@code abstractType} or is a member of it. */
  private boolean isSubtype(String type, String abstractType) {
    MergedType t = types.get(type);
    MergedType a = types.get(abstractType);
    if (t == null || a == null) {
      return false;
    }
    if (a.kind == Kind.UNION) {
      return a.byGraph.values().stream().anyMatch(u -> u.members.contains(type));
    }
    return a.kind == Kind.INTERFACE
        && t.byGraph.values().stream().anyMatch(d -> d.interfaces.contains(abstractType));
  }

  private static Type<?> unwrap(Type<?> t) {
    return t instanceof NonNullType n ? n.getType() : t;
  }

  private void mergeInput(MergedType m) {
    List<String> drop = new ArrayList<>();
    for (MergedField f : m.fields.values()) {
      f.type = mergeType(m, f, true);
      if (f.byGraph.size() == m.byGraph.size()) {
        continue;
      }
      drop.add(f.name);
      for (Member member : f.byGraph.values()) {
        if (member.type.endsWith("!") && member.defaultValue == null) {
          List<String> missing = new ArrayList<>(m.byGraph.keySet());
          missing.removeAll(f.byGraph.keySet());
          errors.add(
              error(
                  "REQUIRED_INPUT_FIELD_MISSING_IN_SOME_SUBGRAPH",
                  missing,
                  m.name + "." + f.name,
                  "Input field \""
                      + m.name
                      + "."
                      + f.name
                      + "\" is required in subgraphs "
                      + f.byGraph.keySet()
                      + " but missing in "
                      + missing
                      + ": add it to those subgraphs or make it optional everywhere."));
          break;
        }
      }
    }
    drop.forEach(m.fields::remove);
    if (m.fields.isEmpty()) {
      errors.add(
          error(
              "EMPTY_MERGED_INPUT_TYPE",
              List.copyOf(m.byGraph.keySet()),
              m.name,
              "Input type \""
                  + m.name
                  + "\" has no field common to all subgraphs that define it: share at least one"
                  + " field."));
    }
  }

  private void mergeEnum(MergedType m, Boolean[] usage) {
    boolean input = usage[0];
    boolean output = usage[1];
    if (input && output) {
      for (MergedField v : m.fields.values()) {
        if (v.byGraph.size() != m.byGraph.size()) {
          List<String> missing = new ArrayList<>(m.byGraph.keySet());
          missing.removeAll(v.byGraph.keySet());
          errors.add(
              error(
                  "ENUM_VALUE_MISMATCH",
                  missing,
                  m.name + "." + v.name,
                  "Enum \""
                      + m.name
                      + "\" is used as both input and output type, so its values must be the"
                      + " same in every subgraph, but value \""
                      + v.name
                      + "\" is not defined in subgraphs "
                      + missing
                      + ": add it there or remove it everywhere."));
        }
      }
    } else if (input) {
      m.fields.values().removeIf(v -> v.byGraph.size() != m.byGraph.size());
      if (m.fields.isEmpty()) {
        errors.add(
            error(
                "EMPTY_MERGED_ENUM_TYPE",
                List.copyOf(m.byGraph.keySet()),
                m.name,
                "Enum \""
                    + m.name
                    + "\" is only used as input and its subgraphs share no value: share at least"
                    + " one value."));
      }
    }
  }

  /** Per enum name: [used as input, used as output], over every subgraph. */
  private Map<String, Boolean[]> enumUsage() {
    Map<String, Boolean[]> usage = new LinkedHashMap<>();
    for (Subgraph s : subgraphs) {
      for (TypeDef t : s.types.values()) {
        for (Member f : t.fields.values()) {
          if (f.type == null) {
            continue;
          }
          boolean inputField = t.kind == Kind.INPUT;
          usage
                  .computeIfAbsent(Subgraph.namedType(f.type), k -> new Boolean[] {false, false})[
                  inputField ? 0 : 1] =
              true;
          for (Member a : f.args.values()) {
            usage
                    .computeIfAbsent(Subgraph.namedType(a.type), k -> new Boolean[] {false, false})[
                    0] =
                true;
          }
        }
      }
    }
    return usage;
  }
}
