package dev.junction.gateway.authorization;

import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLCompositeType;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Walks one operation against the {@link AuthorizationRules}: each fragment definition once
 * (requirements depend on types, not on paths), so the work stays linear in the document's size. In
 * analysis mode it collects the distinct requirements the operation meets; in filter mode it
 * removes every field and fragment whose requirement is denied and reports each removal's path
 * ({@code "@"} stands for list items, as in Apollo Router's errors).
 */
final class OperationFilter {
  /** Most removal paths reported for one request. */
  static final int MAX_PATHS = 100;

  private final GraphQLSchema schema;
  private final AuthorizationRules rules;
  private final Map<String, FragmentDefinition> fragments;
  private final Predicate<Requirement> denied;
  private final List<Requirement> seen;
  private final Map<String, Filtered> memo = new HashMap<>();
  private final Set<Field> refusedFields = Collections.newSetFromMap(new IdentityHashMap<>());

  /** A selection set after filtering: null when nothing is left; relative removal paths. */
  private record Filtered(SelectionSet set, List<List<Object>> removed) {}

  /**
   * The outcome of filtering an operation.
   *
   * @param document the operation without the refused selections (and its fragments)
   * @param emptyRoot whether every root field was refused
   * @param removed the paths of the removals
   * @param refused the refused field nodes of the original document (by identity), which the
   *     response must answer with null whatever data arrives for them
   */
  record Result(
      Document document, boolean emptyRoot, List<List<Object>> removed, Set<Field> refused) {}

  private OperationFilter(
      GraphQLSchema schema,
      AuthorizationRules rules,
      Map<String, FragmentDefinition> fragments,
      Predicate<Requirement> denied,
      List<Requirement> seen) {
    this.schema = schema;
    this.rules = rules;
    this.fragments = fragments;
    this.denied = denied;
    this.seen = seen;
  }

  /** The distinct non-empty requirements an operation meets, in first-seen order. */
  static List<Requirement> requirements(
      GraphQLSchema schema,
      AuthorizationRules rules,
      OperationDefinition op,
      Map<String, FragmentDefinition> fragments) {
    List<Requirement> seen = new ArrayList<>();
    new OperationFilter(schema, rules, fragments, r -> false, seen)
        .set(op.getSelectionSet(), root(schema, op), new ArrayList<>());
    return List.copyOf(seen);
  }

  /** The operation without what {@code denied} refuses. */
  static Result filter(
      GraphQLSchema schema,
      AuthorizationRules rules,
      OperationDefinition op,
      Map<String, FragmentDefinition> fragments,
      Predicate<Requirement> denied) {
    OperationFilter f = new OperationFilter(schema, rules, fragments, denied, null);
    Filtered root = f.set(op.getSelectionSet(), root(schema, op), new ArrayList<>());
    List<Definition> defs = new ArrayList<>();
    if (root.set() != null) {
      defs.add(op.transform(b -> b.selectionSet(root.set())));
      f.memo.forEach(
          (name, filtered) -> {
            if (filtered.set() != null) {
              defs.add(fragments.get(name).transform(b -> b.selectionSet(filtered.set())));
            }
          });
    }
    return new Result(
        Document.newDocument().definitions(defs).build(),
        root.set() == null,
        root.removed(),
        Collections.unmodifiableSet(f.refusedFields));
  }

  private static GraphQLObjectType root(GraphQLSchema schema, OperationDefinition op) {
    return switch (op.getOperation()) {
      case MUTATION -> schema.getMutationType();
      case SUBSCRIPTION -> schema.getSubscriptionType();
      default -> schema.getQueryType();
    };
  }

  private boolean refuse(Requirement r) {
    if (r.none()) {
      return false;
    }
    if (seen != null) {
      if (!seen.contains(r)) {
        seen.add(r);
      }
      return false;
    }
    return denied.test(r);
  }

  private Filtered set(SelectionSet set, GraphQLCompositeType parent, List<Object> path) {
    List<Selection> kept = new ArrayList<>();
    List<List<Object>> removed = new ArrayList<>();
    boolean changed = false;
    for (Selection<?> s : set.getSelections()) {
      Selection<?> out = selection(s, parent, path, removed);
      if (out != s) {
        changed = true;
      }
      if (out != null) {
        kept.add(out);
      }
    }
    if (kept.isEmpty()) {
      return new Filtered(null, removed);
    }
    return new Filtered(changed ? set.transform(b -> b.selections(kept)) : set, removed);
  }

  private Selection<?> selection(
      Selection<?> s, GraphQLCompositeType parent, List<Object> path, List<List<Object>> removed) {
    if (s instanceof Field f) {
      return field(f, parent, path, removed);
    }
    if (s instanceof InlineFragment inline) {
      GraphQLCompositeType type =
          inline.getTypeCondition() == null
              ? parent
              : (GraphQLCompositeType) schema.getType(inline.getTypeCondition().getName());
      if (type == null) {
        return inline;
      }
      if (refuse(rules.type(type.getName()))) {
        note(removed, path);
        refuseFieldsOf(inline.getSelectionSet(), 0);
        return null;
      }
      Filtered inner = set(inline.getSelectionSet(), type, path);
      removed.addAll(cap(inner.removed(), removed.size()));
      if (inner.set() == null) {
        return null;
      }
      return inner.set() == inline.getSelectionSet()
          ? inline
          : inline.transform(b -> b.selectionSet(inner.set()));
    }
    if (s instanceof FragmentSpread spread) {
      FragmentDefinition def = fragments.get(spread.getName());
      if (def == null) {
        return spread;
      }
      String typeName = def.getTypeCondition().getName();
      if (refuse(rules.type(typeName))) {
        note(removed, path);
        refuseFieldsOf(def.getSelectionSet(), 0);
        return null;
      }
      Filtered inner = memo.get(def.getName());
      if (inner == null) {
        GraphQLCompositeType type = (GraphQLCompositeType) schema.getType(typeName);
        inner =
            type == null
                ? new Filtered(def.getSelectionSet(), List.of())
                : set(def.getSelectionSet(), type, new ArrayList<>());
        memo.put(def.getName(), inner);
      }
      for (List<Object> relative : inner.removed()) {
        if (removed.size() >= MAX_PATHS) {
          break;
        }
        List<Object> full = new ArrayList<>(path);
        full.addAll(relative);
        removed.add(full);
      }
      return inner.set() == null ? null : spread;
    }
    return s;
  }

  private Selection<?> field(
      Field f, GraphQLCompositeType parent, List<Object> path, List<List<Object>> removed) {
    if (!(parent instanceof GraphQLFieldsContainer container) || f.getName().startsWith("__")) {
      return f;
    }
    GraphQLFieldDefinition def = container.getFieldDefinition(f.getName());
    if (def == null) {
      return f;
    }
    GraphQLNamedType returnType = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(def.getType());
    String key = f.getAlias() != null ? f.getAlias() : f.getName();
    if (refuse(rules.field(parent.getName(), f.getName(), returnType.getName()))) {
      refusedFields.add(f);
      List<Object> at = new ArrayList<>(path);
      at.add(key);
      note(removed, at);
      return null;
    }
    if (f.getSelectionSet() == null || !(returnType instanceof GraphQLCompositeType composite)) {
      return f;
    }
    List<Object> child = new ArrayList<>(path);
    child.add(key);
    for (GraphQLType t = def.getType(); t instanceof GraphQLNonNull || t instanceof GraphQLList; ) {
      if (t instanceof GraphQLList l) {
        child.add("@");
        t = l.getWrappedType();
      } else {
        t = ((GraphQLNonNull) t).getWrappedType();
      }
    }
    Filtered inner = set(f.getSelectionSet(), composite, child);
    removed.addAll(cap(inner.removed(), removed.size()));
    if (inner.set() == null) {
      return null;
    }
    return inner.set() == f.getSelectionSet() ? f : f.transform(b -> b.selectionSet(inner.set()));
  }

  /** The fields a refused fragment selects directly (through nested fragments too). */
  private void refuseFieldsOf(SelectionSet set, int depth) {
    if (depth > 64) {
      return;
    }
    for (Selection<?> s : set.getSelections()) {
      if (s instanceof Field f) {
        refusedFields.add(f);
      } else if (s instanceof InlineFragment inline) {
        refuseFieldsOf(inline.getSelectionSet(), depth + 1);
      } else if (s instanceof FragmentSpread spread && fragments.get(spread.getName()) != null) {
        refuseFieldsOf(fragments.get(spread.getName()).getSelectionSet(), depth + 1);
      }
    }
  }

  private static void note(List<List<Object>> removed, List<Object> path) {
    if (removed.size() < MAX_PATHS) {
      removed.add(List.copyOf(path));
    }
  }

  private static List<List<Object>> cap(List<List<Object>> more, int already) {
    int room = Math.max(0, MAX_PATHS - already);
    return more.size() <= room ? more : more.subList(0, room);
  }
}
