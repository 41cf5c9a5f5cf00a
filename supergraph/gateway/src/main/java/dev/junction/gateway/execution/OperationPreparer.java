package dev.junction.gateway.execution;

import dev.junction.gateway.response.SelectionCache;
import dev.junction.planner.PlanningException;
import dev.junction.planner.QueryPlanner;
import dev.junction.planner.plan.QueryPlan;
import graphql.GraphQLError;
import graphql.language.Definition;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.language.SourceLocation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import graphql.parser.ParserOptions;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.schema.GraphQLSchema;
import graphql.validation.ValidationError;
import graphql.validation.Validator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Parses, validates and plans operations, caching the outcome (no schema work per request). */
public final class OperationPreparer {
  private static final int MAX_CACHED = 4096;

  private final GraphQLSchema apiSchema;
  private final QueryPlanner planner;
  private final Map<String, PreparedOperation> cache = new ConcurrentHashMap<>();
  private final Map<String, PreparedOperation> byNormalized = new ConcurrentHashMap<>();

  private final OperationLimits limits;
  private final ParserOptions parserOptions;

  /** A preparer with the default {@link OperationLimits}. */
  public OperationPreparer(GraphQLSchema apiSchema, QueryPlanner planner) {
    this(apiSchema, planner, OperationLimits.DEFAULTS);
  }

  /** A preparer that rejects operations over {@code limits} before validating them. */
  public OperationPreparer(GraphQLSchema apiSchema, QueryPlanner planner, OperationLimits limits) {
    this.apiSchema = apiSchema;
    this.planner = planner;
    this.limits = limits;
    this.parserOptions = limits.parserOptions();
  }

  /** The limits this preparer enforces. */
  public OperationLimits limits() {
    return limits;
  }

  /** The cached outcome for a document and operation name, or null (cheap: one map look-up). */
  public PreparedOperation cached(String query, String operationName) {
    return cache.get(key(query, operationName));
  }

  private static String key(String query, String operationName) {
    return operationName == null ? query : operationName + "\u0000" + query;
  }

  /** The prepared operation for a document and operation name (cached). */
  public PreparedOperation prepare(String query, String operationName) {
    String key = key(query, operationName);
    PreparedOperation cached = cache.get(key);
    if (cached != null) {
      return cached;
    }
    PreparedOperation prepared = doPrepare(query, operationName);
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
      byNormalized.clear();
    }
    if (prepared.document() != null) {
      // Documents that differ only in white space, commas or comments share one plan.
      String normalized =
          (operationName == null ? "" : operationName)
              + "\u0000"
              + graphql.language.AstPrinter.printAstCompact(prepared.document());
      PreparedOperation existing = byNormalized.putIfAbsent(normalized, prepared);
      if (existing != null) {
        prepared = existing;
      }
    }
    cache.put(key, prepared);
    return prepared;
  }

  /** How many distinct (normalised) operations have been planned and cached. */
  public int cachedCount() {
    return byNormalized.size();
  }

  private PreparedOperation doPrepare(String query, String operationName) {
    Document doc;
    try {
      doc =
          new Parser()
              .parseDocument(
                  ParserEnvironment.newParserEnvironment()
                      .document(query)
                      .parserOptions(parserOptions)
                      .build());
    } catch (ParseCancelledException e) {
      return PreparedOperation.failed(List.of(limits.tooManyTokens()));
    } catch (ParseCancelledTooDeepException e) {
      return PreparedOperation.failed(List.of(limits.tooDeep()));
    } catch (InvalidSyntaxException e) {
      return PreparedOperation.failed(
          List.of(
              withLocations(
                  GraphQLErrors.error(e.getMessage(), GraphQLErrors.PARSE_FAILED),
                  e.getLocation() == null ? List.of() : List.of(e.getLocation()))));
    } catch (RuntimeException e) {
      return PreparedOperation.failed(
          List.of(
              GraphQLErrors.error("Syntax error: " + e.getMessage(), GraphQLErrors.PARSE_FAILED)));
    }
    Map<String, Object> overLimit = limits.check(doc);
    if (overLimit != null) {
      return PreparedOperation.failed(List.of(overLimit));
    }
    List<ValidationError> validation =
        new Validator().validateDocument(apiSchema, doc, Locale.ENGLISH);
    if (!validation.isEmpty()) {
      List<Map<String, Object>> errors = new ArrayList<>();
      for (GraphQLError v : validation) {
        errors.add(
            withLocations(
                GraphQLErrors.error(v.getMessage(), GraphQLErrors.VALIDATION_FAILED),
                v.getLocations()));
      }
      return PreparedOperation.failed(errors);
    }
    OperationDefinition op = null;
    Map<String, FragmentDefinition> fragments = new HashMap<>();
    int operations = 0;
    for (Definition<?> d : doc.getDefinitions()) {
      if (d instanceof OperationDefinition o) {
        operations++;
        if (operationName == null || operationName.equals(o.getName())) {
          op = op == null ? o : op;
        }
      } else if (d instanceof FragmentDefinition f) {
        fragments.put(f.getName(), f);
      }
    }
    if (operationName == null && operations > 1) {
      return PreparedOperation.failed(
          List.of(
              GraphQLErrors.error(
                  "Must provide operation name if query contains multiple operations.",
                  GraphQLErrors.VALIDATION_FAILED)));
    }
    if (op == null) {
      return PreparedOperation.failed(
          List.of(
              GraphQLErrors.error(
                  "Unknown operation named \"" + operationName + "\".",
                  GraphQLErrors.VALIDATION_FAILED)));
    }
    // subscriptions are planned as any operation; the gateway refuses them without a streaming
    // transport (Gateway.subscribe)
    QueryPlan plan;
    try {
      plan = planner.plan(doc, op.getName());
    } catch (PlanningException e) {
      return PreparedOperation.failed(
          List.of(GraphQLErrors.error(e.getMessage(), GraphQLErrors.PLANNING_FAILED)));
    }
    return new PreparedOperation(
        doc,
        op,
        Map.copyOf(fragments),
        plan,
        introspection(doc, op),
        List.of(),
        SelectionCache.forDocument(doc));
  }

  /** A document holding only the introspection root fields of the operation, or null. */
  private static Document introspection(Document doc, OperationDefinition op) {
    List<Selection> keep = new ArrayList<>();
    for (Selection<?> s : op.getSelectionSet().getSelections()) {
      if (s instanceof Field f
          && (f.getName().equals("__schema") || f.getName().equals("__type"))) {
        keep.add(f);
      }
    }
    if (keep.isEmpty()) {
      return null;
    }
    List<Definition> defs = new ArrayList<>();
    defs.add(op.transform(b -> b.selectionSet(SelectionSet.newSelectionSet(keep).build())));
    for (Definition<?> d : doc.getDefinitions()) {
      if (d instanceof FragmentDefinition) {
        defs.add(d);
      }
    }
    return Document.newDocument().definitions(defs).build();
  }

  private static Map<String, Object> withLocations(
      Map<String, Object> error, List<SourceLocation> locations) {
    if (locations == null || locations.isEmpty()) {
      return error;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("message", error.get("message"));
    List<Map<String, Object>> locs = new ArrayList<>();
    for (SourceLocation l : locations) {
      if (l != null) {
        locs.add(Map.of("line", l.getLine(), "column", l.getColumn()));
      }
    }
    if (!locs.isEmpty()) {
      out.put("locations", locs);
    }
    out.put("extensions", error.get("extensions"));
    return out;
  }
}
