package dev.junction.gateway.execution.cost;

import static dev.junction.gateway.execution.cost.CostValues.add;
import static dev.junction.gateway.execution.cost.CostValues.hasVariables;
import static dev.junction.gateway.execution.cost.CostValues.scoreLiteral;
import static dev.junction.gateway.execution.cost.CostValues.size;

import dev.junction.gateway.execution.cost.CostGraph.ArgCost;
import dev.junction.gateway.execution.cost.CostGraph.Condition;
import dev.junction.gateway.execution.cost.CostGraph.Dynamic;
import dev.junction.gateway.execution.cost.CostGraph.FieldItem;
import dev.junction.gateway.execution.cost.CostGraph.Guarded;
import dev.junction.gateway.execution.cost.CostGraph.Items;
import dev.junction.gateway.execution.cost.CostGraph.Max;
import dev.junction.gateway.execution.cost.CostGraph.Node;
import dev.junction.gateway.execution.cost.CostGraph.Sizing;
import dev.junction.gateway.execution.cost.CostSchema.ListSize;
import graphql.language.BooleanValue;
import graphql.language.Directive;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInputObjectType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the cost graph of an operation: each fragment once per run-time type and sizing context,
 * each field's selection set once (shared wherever the field is reached), so the graph is linear in
 * the document.
 */
final class CostCompiler {
  final CostSchema schema;
  final Map<String, FragmentDefinition> fragments;
  final Map<String, Node> compiledFragments = new HashMap<>();
  final Map<Field, Node> children = new IdentityHashMap<>();
  final Map<Field, Sizing> sizingsByField = new IdentityHashMap<>();
  final Map<String, Boolean> narrowing = new HashMap<>();
  int nodeIds;
  int sizingIds;
  boolean dynamic;

  CostCompiler(CostSchema schema, Map<String, FragmentDefinition> fragments) {
    this.schema = schema;
    this.fragments = fragments;
  }

  /**
   * The items of {@code set} on static type {@code scope}, for run-time type {@code runtime} (null:
   * every fragment applies), inside a field sized by {@code ctx} (or null).
   */
  Items items(SelectionSet set, GraphQLNamedType scope, GraphQLObjectType runtime, Sizing ctx) {
    Items node = new Items(nodeIds++);
    List<Object> out = new ArrayList<>();
    collect(set, scope, runtime, ctx, out);
    node.items = out.toArray();
    return node;
  }

  private void collect(
      SelectionSet set,
      GraphQLNamedType scope,
      GraphQLObjectType runtime,
      Sizing ctx,
      List<Object> out) {
    if (set == null) {
      return;
    }
    for (Selection<?> s : set.getSelections()) {
      if (s instanceof Field f) {
        Condition cond = condition(f.getDirectives());
        if (cond == EXCLUDED) {
          continue;
        }
        FieldItem item = field(f, scope, ctx, cond);
        if (item != null) {
          out.add(cond == null ? item : new Guarded(cond, item));
        }
      } else if (s instanceof InlineFragment i) {
        Condition cond = condition(i.getDirectives());
        if (cond == EXCLUDED) {
          continue;
        }
        GraphQLNamedType on =
            i.getTypeCondition() == null ? scope : type(i.getTypeCondition().getName());
        if (on == null || !applies(on, runtime)) {
          continue;
        }
        if (cond == null) {
          collect(i.getSelectionSet(), on, runtime, ctx, out);
        } else {
          out.add(new Guarded(cond, items(i.getSelectionSet(), on, runtime, ctx)));
        }
      } else if (s instanceof FragmentSpread spread) {
        Condition cond = condition(spread.getDirectives());
        FragmentDefinition def = fragments.get(spread.getName());
        if (cond == EXCLUDED || def == null) {
          continue;
        }
        GraphQLNamedType on = type(def.getTypeCondition().getName());
        if (on == null || !applies(on, runtime)) {
          continue;
        }
        Node frag = fragment(def, on, runtime, ctx);
        out.add(cond == null ? new Guarded(null, frag) : new Guarded(cond, frag));
      }
    }
  }

  private Node fragment(
      FragmentDefinition def, GraphQLNamedType on, GraphQLObjectType runtime, Sizing ctx) {
    String key =
        def.getName()
            + '\u0000'
            + (runtime == null ? "" : runtime.getName())
            + '\u0000'
            + (ctx == null ? -1 : ctx.slot);
    Node known = compiledFragments.get(key);
    if (known == null) {
      known = items(def.getSelectionSet(), on, runtime, ctx);
      compiledFragments.put(key, known);
    }
    return known;
  }

  private boolean applies(GraphQLNamedType condition, GraphQLObjectType runtime) {
    if (runtime == null || condition.getName().equals(runtime.getName())) {
      return true;
    }
    return schema.possibleTypes(condition.getName()).stream()
        .anyMatch(t -> t.getName().equals(runtime.getName()));
  }

  private GraphQLNamedType type(String name) {
    return schema.schema().getType(name) instanceof GraphQLNamedType t ? t : null;
  }

  private FieldItem field(Field f, GraphQLNamedType scope, Sizing ctx, Condition cond) {
    String name = f.getName();
    if (name.startsWith("__")) {
      return null; // __typename, __schema, __type: answered by the gateway, free
    }
    if (!(scope instanceof GraphQLFieldsContainer container)) {
      return null;
    }
    GraphQLFieldDefinition def = container.getFieldDefinition(name);
    if (def == null) {
      return null; // validation reports unknown fields
    }
    GraphQLType type = def.getType();
    GraphQLNamedType named = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(type);
    boolean composite = named instanceof graphql.schema.GraphQLCompositeType;
    Long weight = schema.fieldWeight(scope.getName(), name);
    if (weight == null) {
      weight = schema.typeWeight(named.getName());
    }
    long typeWeight = weight != null ? weight : composite ? 1 : 0;
    boolean list = GraphQLTypeUtil.isList(GraphQLTypeUtil.unwrapNonNull(type));
    Sizing own = sizing(f, scope, def);
    Sizing sizedBy = list && ctx != null && ctx.listSize.sizedFields().contains(name) ? ctx : null;
    Node kids = null;
    if (composite && f.getSelectionSet() != null) {
      kids = children.get(f);
      if (kids == null) {
        Sizing childCtx = own != null && !own.listSize.sizedFields().isEmpty() ? own : null;
        kids = selection(f.getSelectionSet(), named, childCtx);
        children.put(f, kids);
      }
    }
    long staticArgs = 0;
    List<ArgCost> dynamicArgs = new ArrayList<>();
    for (graphql.language.Argument a : f.getArguments()) {
      GraphQLArgument argDef = def.getArgument(a.getName());
      if (argDef == null) {
        continue;
      }
      GraphQLNamedType argType = (GraphQLNamedType) GraphQLTypeUtil.unwrapAll(argDef.getType());
      Long w = schema.argumentWeight(scope.getName(), name, a.getName());
      if (w == null) {
        w = schema.typeWeight(argType.getName());
      }
      if (hasVariables(a.getValue())) {
        if (w != null || argType instanceof GraphQLInputObjectType) {
          dynamicArgs.add(new ArgCost(a.getValue(), w, argType));
          dynamic = true;
        }
      } else {
        staticArgs = add(staticArgs, scoreLiteral(schema, a.getValue(), w, argType, Map.of()));
      }
    }
    return new FieldItem(
        typeWeight,
        list,
        sizedBy,
        own,
        kids,
        staticArgs,
        dynamicArgs.isEmpty() ? null : dynamicArgs.toArray(new ArgCost[0]),
        cond);
  }

  /** The selection set of a field of type {@code named}: one node, or its costliest type. */
  private Node selection(SelectionSet set, GraphQLNamedType named, Sizing ctx) {
    if (!(named instanceof GraphQLObjectType) && narrows(set, named.getName())) {
      List<GraphQLObjectType> types = schema.possibleTypes(named.getName());
      Node[] branches = new Node[types.size()];
      for (int i = 0; i < branches.length; i++) {
        branches[i] = items(set, named, types.get(i), ctx);
      }
      return new Max(nodeIds++, branches);
    }
    return items(set, named, null, ctx);
  }

  /** Whether a fragment in {@code set} (not under a field) has another type than {@code on}. */
  private boolean narrows(SelectionSet set, String on) {
    if (set == null) {
      return false;
    }
    for (Selection<?> s : set.getSelections()) {
      if (s instanceof InlineFragment i) {
        if (i.getTypeCondition() != null && !i.getTypeCondition().getName().equals(on)
            || narrows(i.getSelectionSet(), on)) {
          return true;
        }
      } else if (s instanceof FragmentSpread spread) {
        FragmentDefinition def = fragments.get(spread.getName());
        if (def == null) {
          continue;
        }
        String key = def.getName() + '\u0000' + on;
        Boolean known = narrowing.get(key);
        if (known == null) {
          narrowing.put(key, Boolean.FALSE); // cycles are rejected before; this ends any
          known =
              !def.getTypeCondition().getName().equals(on) || narrows(def.getSelectionSet(), on);
          narrowing.put(key, known);
        }
        if (known) {
          return true;
        }
      }
    }
    return false;
  }

  private Sizing sizing(Field f, GraphQLNamedType scope, GraphQLFieldDefinition def) {
    ListSize ls = schema.listSize(scope.getName(), def.getName());
    if (ls == null) {
      return null;
    }
    Sizing known = sizingsByField.get(f);
    if (known != null) {
      return known;
    }
    int n = ls.slicingArguments().size();
    Object[] explicit = new Object[n];
    Long[] defaults = new Long[n];
    for (int i = 0; i < n; i++) {
      String[] path = ls.slicingArguments().get(i);
      graphql.language.Argument given = argument(f, path[0]);
      if (given != null) {
        if (hasVariables(given.getValue())) {
          explicit[i] = new Dynamic(given.getValue(), path);
          dynamic = true;
        } else {
          explicit[i] = size(given.getValue(), path, Map.of());
        }
      }
      GraphQLArgument argDef = def.getArgument(path[0]);
      if (argDef != null
          && argDef.hasSetDefaultValue()
          && argDef.getArgumentDefaultValue().isLiteral()) {
        defaults[i] = size((Value<?>) argDef.getArgumentDefaultValue().getValue(), path, Map.of());
      }
    }
    Sizing s =
        new Sizing(sizingIds++, scope.getName() + "." + def.getName(), ls, explicit, defaults);
    sizingsByField.put(f, s);
    return s;
  }

  private static graphql.language.Argument argument(Field f, String name) {
    for (graphql.language.Argument a : f.getArguments()) {
      if (a.getName().equals(name)) {
        return a;
      }
    }
    return null;
  }

  private static final Condition EXCLUDED = new Condition(null, null);

  /** Null when always included, {@link #EXCLUDED} when never, else the variables to check. */
  private Condition condition(List<Directive> directives) {
    String skip = null;
    String include = null;
    for (Directive d : directives) {
      boolean isSkip = d.getName().equals("skip");
      if (!isSkip && !d.getName().equals("include")) {
        continue;
      }
      graphql.language.Argument arg = d.getArgument("if");
      Value<?> v = arg == null ? null : arg.getValue();
      if (v instanceof BooleanValue b) {
        if (b.isValue() == isSkip) {
          return EXCLUDED;
        }
      } else if (v instanceof VariableReference ref) {
        dynamic = true;
        if (isSkip) {
          skip = ref.getName();
        } else {
          include = ref.getName();
        }
      }
    }
    return skip == null && include == null ? null : new Condition(skip, include);
  }
}
