package dev.junction.gateway.execution.cost;

import static dev.junction.gateway.execution.cost.CostValues.SATURATED;
import static dev.junction.gateway.execution.cost.CostValues.add;
import static dev.junction.gateway.execution.cost.CostValues.mul;
import static dev.junction.gateway.execution.cost.CostValues.scoreLiteral;
import static dev.junction.gateway.execution.cost.CostValues.size;

import dev.junction.gateway.execution.cost.CostGraph.ArgCost;
import dev.junction.gateway.execution.cost.CostGraph.Dynamic;
import dev.junction.gateway.execution.cost.CostGraph.FieldItem;
import dev.junction.gateway.execution.cost.CostGraph.Guarded;
import dev.junction.gateway.execution.cost.CostGraph.Items;
import dev.junction.gateway.execution.cost.CostGraph.Max;
import dev.junction.gateway.execution.cost.CostGraph.Node;
import dev.junction.gateway.execution.cost.CostGraph.Sizing;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLObjectType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The static cost of one prepared operation (Apollo Router's estimate, IBM cost directive
 * semantics). Built once per operation: the selections become a graph in which every fragment (per
 * run-time type) and every field's selection set is one shared node, so a document of fragments
 * spreading each other is costed in time linear in its size. Per request only the
 * variable-dependent parts (slicing arguments, weighted arguments, {@code @skip}/{@code @include}
 * on variables) are looked up and the numbers multiplied; an operation without any is costed once.
 *
 * <p>A field costs {@code count * (type weight + cost of its selections) + cost of its arguments};
 * the type weight is the field's {@code @cost}, else its type's, else 1 for objects, interfaces and
 * unions and 0 for scalars and enums. {@code count} is 1 for a non-list field, else the size the
 * enclosing field's {@code @listSize(sizedFields:)} gives, else the field's own {@code @listSize}
 * (the largest slicing argument, else {@code assumedSize}), else the configured list size. A
 * selection set on an interface or union costs the most expensive of its possible types. A mutation
 * adds 10. Introspection and {@code __typename} are free.
 */
public final class OperationCost {
  private static final long UNSET = Long.MIN_VALUE;
  private static final long NO_SIZE = Long.MIN_VALUE + 1;

  /** The base cost of a mutation operation (Apollo Router: 10 per mutation). */
  public static final long MUTATION_BASE = 10;

  private final CostSchema schema;
  private final Node root;
  private final long base;
  private final long listSize;
  private final int nodes;
  private final int sizings;
  private final boolean dynamic;
  private final long staticCost;
  private final long staticLenientCost;
  private final CostException staticError;

  /** A request whose slicing arguments break {@code requireOneSlicingArgument}. */
  public static final class CostException extends Exception {
    private static final long serialVersionUID = 1L;

    CostException(String message) {
      super(message, null, false, false);
    }
  }

  private OperationCost(CostCompiler c, Node root, long base, long listSize) {
    this.schema = c.schema;
    this.root = root;
    this.base = base;
    this.listSize = listSize;
    this.nodes = c.nodeIds;
    this.sizings = c.sizingIds;
    this.dynamic = c.dynamic;
    long cost = 0;
    long lenient = 0;
    CostException error = null;
    if (!dynamic) {
      try {
        cost = run(Map.of(), true);
        lenient = cost;
      } catch (CostException e) {
        error = e;
        lenient = run0();
      }
    }
    this.staticCost = cost;
    this.staticLenientCost = lenient;
    this.staticError = error;
  }

  private long run0() {
    try {
      return run(Map.of(), false);
    } catch (CostException e) {
      throw new IllegalStateException("a lenient estimate cannot fail", e);
    }
  }

  /**
   * Compiles {@code operation}; {@code fragments} are the document's fragments by name, {@code
   * listSize} the size of lists without {@code @listSize}.
   */
  static OperationCost compile(
      CostSchema schema,
      OperationDefinition operation,
      Map<String, FragmentDefinition> fragments,
      long listSize) {
    CostCompiler c = new CostCompiler(schema, fragments);
    GraphQLObjectType rootType =
        switch (operation.getOperation()) {
          case MUTATION -> schema.schema().getMutationType();
          case SUBSCRIPTION -> schema.schema().getSubscriptionType();
          default -> schema.schema().getQueryType();
        };
    Node root = c.items(operation.getSelectionSet(), rootType, null, null);
    long base =
        operation.getOperation() == OperationDefinition.Operation.MUTATION ? MUTATION_BASE : 0;
    return new OperationCost(c, root, base, listSize);
  }

  /** Whether the cost depends on the request's variables. */
  public boolean dynamic() {
    return dynamic;
  }

  /**
   * The estimated cost for one request's coerced variables. {@code strict}: a violated {@code
   * requireOneSlicingArgument} throws; otherwise the sizes that are there are used.
   */
  public long evaluate(Map<String, Object> variables, boolean strict) throws CostException {
    if (!dynamic) {
      if (!strict) {
        return staticLenientCost;
      }
      if (staticError != null) {
        throw staticError;
      }
      return staticCost;
    }
    return run(variables == null ? Map.of() : variables, strict);
  }

  /** The estimate ignoring {@code requireOneSlicingArgument} (what measure mode reports). */
  public long lenientEstimate(Map<String, Object> variables) {
    try {
      return evaluate(variables, false);
    } catch (CostException e) {
      throw new IllegalStateException("a lenient estimate cannot fail", e);
    }
  }

  private long run(Map<String, Object> variables, boolean strict) throws CostException {
    State s = new State(variables, strict, nodes, sizings);
    return add(base, eval(root, s));
  }

  private static final class State {
    final Map<String, Object> variables;
    final boolean strict;
    final long[] memo;
    final long[] sizes;

    State(Map<String, Object> variables, boolean strict, int nodes, int sizings) {
      this.variables = variables;
      this.strict = strict;
      this.memo = new long[nodes];
      this.sizes = new long[sizings];
      Arrays.fill(memo, UNSET);
      Arrays.fill(sizes, UNSET);
    }
  }

  private long eval(Node node, State s) throws CostException {
    long known = s.memo[node.id];
    if (known != UNSET) {
      return known;
    }
    long cost = 0;
    if (node instanceof Max max) {
      cost = -SATURATED;
      for (Node b : max.branches) {
        cost = Math.max(cost, eval(b, s));
      }
      if (max.branches.length == 0) {
        cost = 0;
      }
    } else {
      for (Object item : ((Items) node).items) {
        cost = add(cost, item(item, s));
      }
    }
    s.memo[node.id] = cost;
    return cost;
  }

  private long item(Object item, State s) throws CostException {
    if (item instanceof FieldItem f) {
      return field(f, s);
    }
    Guarded g = (Guarded) item;
    if (g.condition() != null && g.condition().excluded(s.variables)) {
      return 0;
    }
    return g.inner() instanceof FieldItem f ? field(f, s) : eval((Node) g.inner(), s);
  }

  private long field(FieldItem f, State s) throws CostException {
    long ownSize = f.own() == null ? NO_SIZE : expected(f.own(), s);
    long count = 1;
    if (f.list()) {
      long upstream = f.sizedBy() == null ? NO_SIZE : expected(f.sizedBy(), s);
      count = upstream != NO_SIZE ? upstream : ownSize != NO_SIZE ? ownSize : listSize;
    }
    long inner = f.typeWeight();
    if (f.children() != null) {
      inner = add(inner, eval(f.children(), s));
    }
    long cost = add(mul(Math.max(0, count), inner), f.staticArgs());
    if (f.dynamicArgs() != null) {
      for (ArgCost a : f.dynamicArgs()) {
        cost = add(cost, scoreLiteral(schema, a.value(), a.weight(), a.type(), s.variables));
      }
    }
    return cost;
  }

  /** The expected size a {@code @listSize} gives for this request, or {@link #NO_SIZE}. */
  private static long expected(Sizing z, State s) throws CostException {
    long known = s.sizes[z.slot];
    if (known != UNSET) {
      return known;
    }
    int given = 0;
    long max = NO_SIZE;
    for (Object e : z.explicit) {
      Long v = e instanceof Dynamic d ? size(d.literal(), d.path(), s.variables) : (Long) e;
      if (v != null) {
        given++;
        max = Math.max(max, v);
      }
    }
    if (given == 0) {
      for (Long v : z.defaults) {
        if (v != null) {
          given++;
          max = Math.max(max, v);
        }
      }
    }
    if (z.listSize.requireOneSlicingArgument()
        && !z.listSize.slicingArguments().isEmpty()
        && given != 1
        && s.strict) {
      List<String> names = new ArrayList<>();
      z.listSize.slicingArguments().forEach(p -> names.add(String.join(".", p)));
      throw new CostException(
          "Field "
              + z.where
              + " needs exactly one of its slicing arguments ("
              + String.join(", ", names)
              + "), got "
              + given
              + ".");
    }
    long out =
        max != NO_SIZE
            ? max
            : z.listSize.assumedSize() != null ? z.listSize.assumedSize() : NO_SIZE;
    s.sizes[z.slot] = out;
    return out;
  }
}
