package dev.junction.composition;

import graphql.language.Argument;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The authorization ({@code @authenticated}, {@code @requiresScopes}, {@code @policy}) and demand
 * control ({@code @cost}, {@code @listSize}) directives of one subgraph type, field, argument or
 * enum value, and the rules that merge them into the supergraph as the reference composers do:
 * {@code @authenticated} if any subgraph has it; scopes and policies as the conjunction of every
 * subgraph's requirement (in disjunctive normal form, subsumed clauses dropped); {@code @cost} the
 * largest weight; {@code @listSize} the largest assumed size, the union of slicing arguments and
 * sized fields, and {@code requireOneSlicingArgument} only if every subgraph requires it.
 */
final class MetadataDirectives {
  boolean authenticated;
  List<List<String>> scopes;
  List<List<String>> policies;
  Integer cost;
  boolean listSize;
  Integer assumedSize;
  List<String> slicingArguments;
  List<String> sizedFields;
  Boolean requireOneSlicingArgument;

  /** Which specs a printed supergraph uses, so that their links and definitions are printed. */
  static final class Uses {
    boolean authenticated;
    boolean scopes;
    boolean policies;
    boolean cost;
    boolean listSize;

    boolean demandControl() {
      return cost || listSize;
    }
  }

  /** A copy with only the authorization directives (what an interface inherits). */
  MetadataDirectives authorizationOnly() {
    MetadataDirectives copy = new MetadataDirectives();
    copy.authenticated = authenticated;
    copy.scopes = scopes;
    copy.policies = policies;
    return copy;
  }

  /** Reads one directive by its canonical federation name; false when it is none of these. */
  boolean read(String canonical, Directive d) {
    switch (canonical) {
      case "authenticated" -> authenticated = true;
      case "requiresScopes" -> scopes = nested(d.getArgument("scopes"));
      case "policy" -> policies = nested(d.getArgument("policies"));
      case "cost" -> cost = intArg(d, "weight");
      case "listSize" -> {
        listSize = true;
        assumedSize = intArg(d, "assumedSize");
        slicingArguments = strings(d.getArgument("slicingArguments"));
        sizedFields = strings(d.getArgument("sizedFields"));
        Argument require = d.getArgument("requireOneSlicingArgument");
        requireOneSlicingArgument =
            require != null && require.getValue() instanceof BooleanValue b ? b.isValue() : null;
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** The merged directives of every subgraph's declaration, printed with a leading space each. */
  static String print(Collection<MetadataDirectives> declarations, Uses uses) {
    List<MetadataDirectives> all = declarations.stream().filter(m -> m != null).toList();
    StringBuilder out = new StringBuilder();
    if (all.stream().anyMatch(m -> m.authenticated)) {
      uses.authenticated = true;
      out.append(" @authenticated");
    }
    List<List<String>> scopes = conjunction(all.stream().map(m -> m.scopes).toList());
    if (scopes != null) {
      uses.scopes = true;
      out.append(" @requiresScopes(scopes: ").append(printNested(scopes)).append(')');
    }
    List<List<String>> policies = conjunction(all.stream().map(m -> m.policies).toList());
    if (policies != null) {
      uses.policies = true;
      out.append(" @policy(policies: ").append(printNested(policies)).append(')');
    }
    Integer cost = null;
    for (MetadataDirectives m : all) {
      if (m.cost != null) {
        cost = cost == null ? m.cost : Math.max(cost, m.cost);
      }
    }
    if (cost != null) {
      uses.cost = true;
      out.append(" @cost(weight: ").append(cost).append(')');
    }
    List<MetadataDirectives> sized = all.stream().filter(m -> m.listSize).toList();
    if (!sized.isEmpty()) {
      uses.listSize = true;
      out.append(printListSize(sized));
    }
    return out.toString();
  }

  private static String printListSize(List<MetadataDirectives> sized) {
    Integer assumed = null;
    Set<String> slicing = null;
    Set<String> sizedFields = null;
    Boolean require = null;
    for (MetadataDirectives m : sized) {
      if (m.assumedSize != null) {
        assumed = assumed == null ? m.assumedSize : Math.max(assumed, m.assumedSize);
      }
      if (m.slicingArguments != null) {
        slicing = slicing == null ? new LinkedHashSet<>() : slicing;
        slicing.addAll(m.slicingArguments);
      }
      if (m.sizedFields != null) {
        sizedFields = sizedFields == null ? new LinkedHashSet<>() : sizedFields;
        sizedFields.addAll(m.sizedFields);
      }
      if (m.requireOneSlicingArgument != null) {
        require =
            require == null ? m.requireOneSlicingArgument : require && m.requireOneSlicingArgument;
      }
    }
    List<String> args = new ArrayList<>();
    if (assumed != null) {
      args.add("assumedSize: " + assumed);
    }
    if (slicing != null) {
      args.add("slicingArguments: " + printList(slicing));
    }
    if (sizedFields != null) {
      args.add("sizedFields: " + printList(sizedFields));
    }
    if (require != null) {
      args.add("requireOneSlicingArgument: " + require);
    }
    return args.isEmpty() ? " @listSize" : " @listSize(" + String.join(", ", args) + ")";
  }

  /**
   * The conjunction of requirements in disjunctive normal form (each a list of alternatives, each
   * alternative a list of names that must all hold), as {@code @apollo/composition}'s
   * DNF_CONJUNCTION: one requirement is kept as written; several are multiplied out, names sorted
   * within an alternative, duplicates and alternatives that contain another one dropped.
   */
  static List<List<String>> conjunction(List<List<List<String>>> requirements) {
    List<List<List<String>>> present = requirements.stream().filter(r -> r != null).toList();
    if (present.isEmpty()) {
      return null;
    }
    List<List<List<String>>> distinct = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (List<List<String>> r : present) {
      List<List<String>> sorted = new ArrayList<>();
      for (List<String> clause : r.isEmpty() ? List.of(List.<String>of()) : r) {
        sorted.add(List.copyOf(new TreeSet<>(clause)));
      }
      sorted.sort(java.util.Comparator.comparing(List::toString));
      if (seen.add(sorted.toString())) {
        distinct.add(sorted);
      }
    }
    if (distinct.size() == 1) {
      return present.get(0);
    }
    List<List<String>> result = distinct.get(0);
    for (int i = 1; i < distinct.size(); i++) {
      List<List<String>> product = new ArrayList<>();
      Set<String> keys = new HashSet<>();
      for (List<String> left : result) {
        for (List<String> right : distinct.get(i)) {
          List<String> candidate = List.copyOf(new TreeSet<>(concat(left, right)));
          if (keys.add(candidate.toString())) {
            product.add(candidate);
          }
        }
      }
      result = withoutSubsumed(product);
    }
    return result;
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  private static List<List<String>> withoutSubsumed(List<List<String>> clauses) {
    List<List<String>> sorted = new ArrayList<>(clauses);
    sorted.sort(java.util.Comparator.comparingInt(List::size));
    List<List<String>> result = new ArrayList<>();
    for (List<String> candidate : sorted) {
      Set<String> entry = new HashSet<>(candidate);
      if (result.stream().noneMatch(entry::containsAll)) {
        result.add(candidate);
      }
    }
    return result;
  }

  private static String printNested(List<List<String>> dnf) {
    List<String> clauses = new ArrayList<>();
    for (List<String> clause : dnf) {
      clauses.add(printList(clause));
    }
    return "[" + String.join(", ", clauses) + "]";
  }

  private static String printList(Collection<String> names) {
    List<String> quoted = new ArrayList<>();
    for (String n : names) {
      quoted.add(SupergraphPrinter.quote(n));
    }
    return "[" + String.join(", ", quoted) + "]";
  }

  private static List<List<String>> nested(Argument arg) {
    if (arg == null || !(arg.getValue() instanceof ArrayValue outer)) {
      return List.of();
    }
    List<List<String>> out = new ArrayList<>();
    for (Value<?> v : outer.getValues()) {
      if (v instanceof ArrayValue inner) {
        List<String> names = new ArrayList<>();
        inner.getValues().forEach(x -> names.add(x instanceof StringValue s ? s.getValue() : ""));
        out.add(List.copyOf(names));
      } else if (v instanceof StringValue s) {
        out.add(List.of(s.getValue())); // a single name is coerced to a one-element list
      }
    }
    return List.copyOf(out);
  }

  private static List<String> strings(Argument arg) {
    if (arg == null) {
      return null;
    }
    List<String> out = new ArrayList<>();
    if (arg.getValue() instanceof ArrayValue list) {
      list.getValues().forEach(x -> out.add(x instanceof StringValue s ? s.getValue() : ""));
    } else if (arg.getValue() instanceof StringValue s) {
      out.add(s.getValue());
    }
    return List.copyOf(out);
  }

  private static Integer intArg(Directive d, String name) {
    Argument a = d.getArgument(name);
    return a != null && a.getValue() instanceof IntValue i ? i.getValue().intValue() : null;
  }

  /** The links and definitions of the specs in use, for the supergraph's header. */
  static String links(Uses uses) {
    StringBuilder out = new StringBuilder();
    if (uses.authenticated) {
      out.append(" @link(url: \"https://specs.apollo.dev/authenticated/v0.1\", for: SECURITY)");
    }
    if (uses.scopes) {
      out.append(" @link(url: \"https://specs.apollo.dev/requiresScopes/v0.1\", for: SECURITY)");
    }
    if (uses.policies) {
      out.append(" @link(url: \"https://specs.apollo.dev/policy/v0.1\", for: SECURITY)");
    }
    if (uses.demandControl()) {
      out.append(" @link(url: \"https://specs.apollo.dev/cost/v0.1\", import: [\"@listSize\"])");
    }
    return out.toString();
  }

  static String definitions(Uses uses) {
    StringBuilder out = new StringBuilder();
    String on = " on FIELD_DEFINITION | OBJECT | INTERFACE | SCALAR | ENUM\n\n";
    if (uses.authenticated) {
      out.append("directive @authenticated").append(on);
    }
    if (uses.scopes) {
      out.append("directive @requiresScopes(scopes: [[requiresScopes__Scope!]!]!)").append(on);
      out.append("scalar requiresScopes__Scope\n\n");
    }
    if (uses.policies) {
      out.append("directive @policy(policies: [[policy__Policy!]!]!)").append(on);
      out.append("scalar policy__Policy\n\n");
    }
    if (uses.demandControl()) {
      out.append(
          "directive @cost(weight: Int!) on ARGUMENT_DEFINITION | ENUM | FIELD_DEFINITION"
              + " | INPUT_FIELD_DEFINITION | OBJECT | SCALAR\n\n");
      out.append(
          "directive @listSize(assumedSize: Int, slicingArguments: [String!], sizedFields:"
              + " [String!], requireOneSlicingArgument: Boolean = true) on FIELD_DEFINITION\n\n");
    }
    return out.toString();
  }
}
