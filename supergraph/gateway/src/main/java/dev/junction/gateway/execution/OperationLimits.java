package dev.junction.gateway.execution;

import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.ParserOptions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Size limits on an operation (the {@code limits:} section of {@code router.yaml}). The parser
 * enforces {@code maxTokens} and {@code maxRecursion}; {@link #check} measures the rest as if the
 * fragments were expanded, but in time linear in the document: each fragment's measures are
 * computed once and reused for every spread, so a document whose fragments spread each other twice
 * costs no more than its size. It runs before validation, whose rules do expand fragments.
 *
 * @param maxDepth deepest field nesting
 * @param maxHeight field visits once fragments are expanded
 * @param maxAliases aliased field visits once fragments are expanded
 * @param maxRootFields root fields once fragments are expanded
 * @param maxDirectives directive uses once fragments are expanded
 * @param maxTokens grammar tokens the parser reads before giving up
 * @param maxRecursion the parser's rule depth, and the depth of fragments spreading fragments
 */
public record OperationLimits(
    long maxDepth,
    long maxHeight,
    long maxAliases,
    long maxRootFields,
    long maxDirectives,
    int maxTokens,
    int maxRecursion) {
  public static final String MAX_DEPTH = "MAX_DEPTH_EXCEEDED";
  public static final String MAX_HEIGHT = "MAX_HEIGHT_EXCEEDED";
  public static final String MAX_ALIASES = "MAX_ALIASES_EXCEEDED";
  public static final String MAX_ROOT_FIELDS = "MAX_ROOT_FIELDS_EXCEEDED";
  public static final String MAX_DIRECTIVES = "MAX_DIRECTIVES_EXCEEDED";
  public static final String MAX_TOKENS = "MAX_TOKENS_EXCEEDED";
  public static final String MAX_RECURSION = "MAX_RECURSION_EXCEEDED";
  public static final String FRAGMENT_CYCLE = "FRAGMENT_CYCLE";

  /** Default depth (100). */
  public static final long DEFAULT_MAX_DEPTH = 100;

  /** Default height (fields once fragments are expanded, 1000: the introspection query is ~200). */
  public static final long DEFAULT_MAX_HEIGHT = 1000;

  /** Default aliases (200). */
  public static final long DEFAULT_MAX_ALIASES = 200;

  /** Default root fields (100). */
  public static final long DEFAULT_MAX_ROOT_FIELDS = 100;

  /** Default directive uses (200). */
  public static final long DEFAULT_MAX_DIRECTIVES = 200;

  /** Default parser tokens (15,000, as Apollo Router and graphql-java). */
  public static final int DEFAULT_MAX_TOKENS = 15_000;

  /** Default parser recursion (500, as Apollo Router and graphql-java). */
  public static final int DEFAULT_MAX_RECURSION = 500;

  /** Every default. */
  public static final OperationLimits DEFAULTS =
      new OperationLimits(
          DEFAULT_MAX_DEPTH,
          DEFAULT_MAX_HEIGHT,
          DEFAULT_MAX_ALIASES,
          DEFAULT_MAX_ROOT_FIELDS,
          DEFAULT_MAX_DIRECTIVES,
          DEFAULT_MAX_TOKENS,
          DEFAULT_MAX_RECURSION);

  private static final long SATURATED = Long.MAX_VALUE / 4;

  private record Measure(long height, long depth, long aliases, long rootFields, long directives) {
    static final Measure ZERO = new Measure(0, 0, 0, 0, 0);
  }

  /** The parser options that enforce {@link #maxTokens} and {@link #maxRecursion}. */
  public ParserOptions parserOptions() {
    return ParserOptions.getDefaultParserOptions()
        .transform(
            b ->
                b.maxTokens(maxTokens)
                    .maxRuleDepth(maxRecursion)
                    .captureIgnoredChars(false)
                    .captureLineComments(false));
  }

  /** The error of a document the parser gave up on after {@link #maxTokens} tokens. */
  public Map<String, Object> tooManyTokens() {
    return error("max_tokens", "tokens", maxTokens + 1L, maxTokens, MAX_TOKENS, "the document");
  }

  /** The error of a document nested deeper than {@link #maxRecursion} parser rules. */
  public Map<String, Object> tooDeep() {
    return error(
        "max_recursion",
        "recursion",
        maxRecursion + 1L,
        maxRecursion,
        MAX_RECURSION,
        "the document");
  }

  /** The first limit the operations of {@code doc} exceed as an error map, or null. */
  public Map<String, Object> check(Document doc) {
    Map<String, FragmentDefinition> fragments = new HashMap<>();
    for (Definition<?> d : doc.getDefinitions()) {
      if (d instanceof FragmentDefinition f) {
        fragments.put(f.getName(), f);
      }
    }
    Walker walker = new Walker(fragments, maxRecursion);
    for (Definition<?> d : doc.getDefinitions()) {
      if (d instanceof OperationDefinition op) {
        String name = op.getName() == null ? "anonymous operation" : "operation " + op.getName();
        Measure m;
        try {
          m = walker.measure(op.getSelectionSet());
        } catch (CycleException e) {
          return GraphQLErrors.error(
              "Fragment cycle: fragment \"" + e.name + "\" spreads itself.", FRAGMENT_CYCLE);
        } catch (TooDeepException e) {
          return error(
              "max_recursion",
              "fragment recursion",
              maxRecursion + 1L,
              maxRecursion,
              MAX_RECURSION,
              name);
        }
        Map<String, Object> error = firstExceeded(m, name);
        if (error != null) {
          return error;
        }
      }
    }
    return null;
  }

  private Map<String, Object> firstExceeded(Measure m, String name) {
    if (m.depth > maxDepth) {
      return error("max_depth", "depth", m.depth, maxDepth, MAX_DEPTH, name);
    }
    if (m.height > maxHeight) {
      return error("max_height", "height (fields)", m.height, maxHeight, MAX_HEIGHT, name);
    }
    if (m.aliases > maxAliases) {
      return error("max_aliases", "aliases", m.aliases, maxAliases, MAX_ALIASES, name);
    }
    if (m.rootFields > maxRootFields) {
      return error(
          "max_root_fields", "root fields", m.rootFields, maxRootFields, MAX_ROOT_FIELDS, name);
    }
    if (m.directives > maxDirectives) {
      return error(
          "max_directives", "directives", m.directives, maxDirectives, MAX_DIRECTIVES, name);
    }
    return null;
  }

  /**
   * An error naming the limit and the measured value; {@code extensions} carries {@code code},
   * {@code limit} (the {@code router.yaml} key), {@code measured} and {@code max}.
   */
  private static Map<String, Object> error(
      String key, String what, long measured, long max, String code, String op) {
    String shown = measured >= SATURATED ? "more than " + SATURATED : Long.toString(measured);
    Map<String, Object> e =
        GraphQLErrors.error(
            "Maximum " + what + " limit exceeded in " + op + ": " + shown + " > " + max + ".",
            code);
    @SuppressWarnings("unchecked")
    Map<String, Object> ext = new LinkedHashMap<>((Map<String, Object>) e.get("extensions"));
    ext.put("limit", key);
    ext.put("measured", measured);
    ext.put("max", max);
    e.put("extensions", ext);
    return e;
  }

  private static final class CycleException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final String name;

    CycleException(String name) {
      super(null, null, false, false);
      this.name = name;
    }
  }

  private static final class TooDeepException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    TooDeepException() {
      super(null, null, false, false);
    }
  }

  /** Measures selection sets; each fragment once (memoized), spreads reuse the result. */
  private static final class Walker {
    private final Map<String, FragmentDefinition> fragments;
    private final int maxNesting;
    private final Map<String, Measure> memo = new HashMap<>();
    private final Set<String> visiting = new HashSet<>();

    Walker(Map<String, FragmentDefinition> fragments, int maxNesting) {
      this.fragments = fragments;
      this.maxNesting = maxNesting;
    }

    /** Measures of a selection set: its fields are at depth 1. */
    Measure measure(SelectionSet set) {
      if (set == null) {
        return Measure.ZERO;
      }
      long height = 0;
      long depth = 0;
      long aliases = 0;
      long root = 0;
      long directives = 0;
      List<Selection> selections = set.getSelections();
      for (Selection<?> s : selections) {
        if (s instanceof Field f) {
          Measure child = measure(f.getSelectionSet());
          height = add(height, add(1, child.height));
          depth = Math.max(depth, 1 + child.depth);
          aliases = add(aliases, add(f.getAlias() == null ? 0 : 1, child.aliases));
          root = add(root, 1);
          directives = add(directives, add(f.getDirectives().size(), child.directives));
        } else {
          Measure child;
          long own;
          if (s instanceof InlineFragment i) {
            child = measure(i.getSelectionSet());
            own = i.getDirectives().size();
          } else if (s instanceof FragmentSpread spread) {
            child = fragment(spread.getName());
            own = spread.getDirectives().size();
          } else {
            continue;
          }
          height = add(height, child.height);
          depth = Math.max(depth, child.depth);
          aliases = add(aliases, child.aliases);
          root = add(root, child.rootFields);
          directives = add(directives, add(own, child.directives));
        }
      }
      return new Measure(height, depth, aliases, root, directives);
    }

    private Measure fragment(String name) {
      Measure known = memo.get(name);
      if (known != null) {
        return known;
      }
      FragmentDefinition def = fragments.get(name);
      if (def == null) {
        return Measure.ZERO; // validation reports the unknown fragment
      }
      if (!visiting.add(name)) {
        throw new CycleException(name);
      }
      if (visiting.size() > maxNesting) {
        throw new TooDeepException();
      }
      Measure m = measure(def.getSelectionSet());
      m =
          new Measure(
              m.height,
              m.depth,
              m.aliases,
              m.rootFields,
              add(m.directives, def.getDirectives().size()));
      visiting.remove(name);
      memo.put(name, m);
      return m;
    }

    private static long add(long a, long b) {
      long r = a + b;
      return r < 0 || r > SATURATED ? SATURATED : r;
    }
  }
}
