package dev.junction.gateway.e2e;

import graphql.analysis.QueryTraverser;
import graphql.analysis.QueryVisitorFieldEnvironment;
import graphql.analysis.QueryVisitorStub;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a case's {@code requests.json} against what the fixture servers received.
 *
 * <pre>
 * {
 *   "subgraphs": {
 *     "inventory": {
 *       "count": 1,                       exact number of requests
 *       "selects": ["Product.inStock"],   field coordinates selected by some request
 *       "notSelects": ["Product.name"],   field coordinates selected by no request
 *       "requests": [                     each matches a distinct received request, any order
 *         {"variables": {...},            exact variables, "representations" excluded
 *          "representations": [...],      exact, order-insensitive (duplicates count)
 *          "operationType": "mutation",
 *          "headers": {"x-user": "1"},    these request headers have these values
 *          "headersAbsent": ["x-secret"], these request headers are not sent
 *          "selects": [...], "notSelects": [...]}
 *       ]
 *     }
 *   },
 *   "totalRequests": 3,                   across all subgraphs
 *   "sequence": ["accounts", "inventory"], subgraph of each request, in arrival order
 *   "mutationOrder": ["accounts.a", "inventory.b"], subgraph.rootField of every mutation
 *                                         root field received, in order
 *   "serial": true                        no request arrived before the previous one was answered
 * }
 * </pre>
 */
final class RequestAssertions {
  private final Map<String, GraphQLSchema> schemas;
  private final RequestLog log;
  private final List<String> problems = new ArrayList<>();

  private RequestAssertions(Map<String, GraphQLSchema> schemas, RequestLog log) {
    this.schemas = schemas;
    this.log = log;
  }

  static List<String> check(
      Map<String, Object> spec, Map<String, GraphQLSchema> schemas, RequestLog log) {
    RequestAssertions assertions = new RequestAssertions(schemas, log);
    assertions.run(spec);
    return assertions.problems;
  }

  @SuppressWarnings("unchecked")
  private void run(Map<String, Object> spec) {
    List<RequestLog.Entry> all = log.entries();
    if (spec.get("totalRequests") instanceof Number n && all.size() != n.intValue()) {
      problems.add("expected " + n + " subgraph requests in all, got " + all.size());
    }
    if (spec.get("sequence") instanceof List<?> sequence) {
      List<String> actual = all.stream().map(e -> e.subgraph).toList();
      if (!actual.equals(sequence)) {
        problems.add("request sequence: expected " + sequence + ", got " + actual);
      }
    }
    if (spec.get("mutationOrder") instanceof List<?> order) {
      List<String> actual = new ArrayList<>();
      for (RequestLog.Entry e : all) {
        OperationDefinition op = operation(e);
        if (op != null && op.getOperation() == OperationDefinition.Operation.MUTATION) {
          op.getSelectionSet()
              .getSelectionsOfType(Field.class)
              .forEach(f -> actual.add(e.subgraph + "." + f.getName()));
        }
      }
      if (!actual.equals(order)) {
        problems.add("mutation order: expected " + order + ", got " + actual);
      }
    }
    if (Boolean.TRUE.equals(spec.get("serial"))) {
      for (int i = 1; i < all.size(); i++) {
        RequestLog.Entry prev = all.get(i - 1);
        if (prev.completedNanos < 0 || all.get(i).arrivedNanos < prev.completedNanos) {
          problems.add("request #" + i + " arrived before request #" + (i - 1) + " was answered");
        }
      }
    }
    if (spec.get("subgraphs") instanceof Map<?, ?> subgraphs) {
      subgraphs.forEach((name, s) -> checkSubgraph(String.valueOf(name), (Map<String, Object>) s));
    }
  }

  @SuppressWarnings("unchecked")
  private void checkSubgraph(String subgraph, Map<String, Object> spec) {
    if (!schemas.containsKey(subgraph)) {
      problems.add("requests.json names unknown subgraph " + subgraph);
      return;
    }
    List<RequestLog.Entry> received = log.entries(subgraph);
    if (spec.get("count") instanceof Number n && received.size() != n.intValue()) {
      problems.add(subgraph + ": expected " + n + " requests, got " + received.size());
    }
    Set<String> selected = new LinkedHashSet<>();
    received.forEach(e -> selected.addAll(coordinates(subgraph, e)));
    checkSelects(subgraph, spec, selected);
    if (spec.get("requests") instanceof List<?> wanted) {
      List<RequestLog.Entry> unmatched = new ArrayList<>(received);
      for (Object w : wanted) {
        Map<String, Object> want = (Map<String, Object>) w;
        RequestLog.Entry match = null;
        List<String> closest = null;
        for (RequestLog.Entry e : unmatched) {
          List<String> why = requestProblems(subgraph, want, e);
          if (why.isEmpty()) {
            match = e;
            break;
          }
          closest = closest == null ? why : closest;
        }
        if (match == null) {
          problems.add(
              subgraph
                  + ": no request matches "
                  + FixtureValues.toJson(want)
                  + (closest == null ? "" : "; e.g. " + closest));
        } else {
          unmatched.remove(match);
        }
      }
    }
  }

  private void checkSelects(String where, Map<String, Object> spec, Set<String> selected) {
    if (spec.get("selects") instanceof List<?> selects) {
      for (Object c : selects) {
        if (!selected.contains(String.valueOf(c))) {
          problems.add(where + ": expected " + c + " to be selected; selected " + selected);
        }
      }
    }
    if (spec.get("notSelects") instanceof List<?> notSelects) {
      for (Object c : notSelects) {
        if (selected.contains(String.valueOf(c))) {
          problems.add(where + ": expected " + c + " NOT to be selected; selected " + selected);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  private List<String> requestProblems(
      String subgraph, Map<String, Object> want, RequestLog.Entry e) {
    List<String> why = new ArrayList<>();
    Map<String, Object> variables = new LinkedHashMap<>(e.variables);
    Object representations = variables.remove("representations");
    if (want.containsKey("variables")
        && !FixtureValues.jsonEquals(want.get("variables"), variables)) {
      why.add("variables " + FixtureValues.toJson(variables));
    }
    if (want.get("representations") instanceof List<?> wantReps) {
      if (!(representations instanceof List<?> gotReps) || !sameMultiset(wantReps, gotReps)) {
        why.add("representations " + FixtureValues.toJson(representations));
      }
    }
    if (want.get("operationType") instanceof String type) {
      OperationDefinition op = operation(e);
      if (op == null || !op.getOperation().name().equalsIgnoreCase(type)) {
        why.add("operation type " + (op == null ? null : op.getOperation()));
      }
    }
    if (want.get("headers") instanceof Map<?, ?> headers) {
      headers.forEach(
          (k, v) -> {
            List<String> got = e.headers.get(String.valueOf(k).toLowerCase(java.util.Locale.ROOT));
            if (got == null || !got.contains(String.valueOf(v))) {
              why.add("header " + k + "=" + got);
            }
          });
    }
    if (want.get("headersAbsent") instanceof List<?> absent) {
      for (Object name : absent) {
        if (e.headers.containsKey(String.valueOf(name).toLowerCase(java.util.Locale.ROOT))) {
          why.add("header " + name + " present");
        }
      }
    }
    List<String> before = new ArrayList<>(problems);
    checkSelects(subgraph + " request", want, new LinkedHashSet<>(coordinates(subgraph, e)));
    if (problems.size() > before.size()) {
      why.addAll(problems.subList(before.size(), problems.size()));
      problems.subList(before.size(), problems.size()).clear();
    }
    return why;
  }

  private static boolean sameMultiset(List<?> want, List<?> got) {
    if (want.size() != got.size()) {
      return false;
    }
    List<Object> remaining = new ArrayList<>(got);
    for (Object w : want) {
      Object hit = null;
      for (Object g : remaining) {
        if (FixtureValues.jsonEquals(w, g)) {
          hit = g;
          break;
        }
      }
      if (hit == null) {
        return false;
      }
      remaining.remove(hit);
    }
    return true;
  }

  private static OperationDefinition operation(RequestLog.Entry e) {
    try {
      Document doc = Parser.parse(e.query);
      List<OperationDefinition> ops = doc.getDefinitionsOfType(OperationDefinition.class);
      if (e.operationName != null) {
        return ops.stream()
            .filter(o -> e.operationName.equals(o.getName()))
            .findFirst()
            .orElse(null);
      }
      return ops.isEmpty() ? null : ops.get(0);
    } catch (RuntimeException ex) {
      return null;
    }
  }

  /** The {@code Type.field} coordinates a request selects, resolved against the subgraph schema. */
  private List<String> coordinates(String subgraph, RequestLog.Entry e) {
    List<String> out = new ArrayList<>();
    try {
      QueryTraverser.newQueryTraverser()
          .schema(schemas.get(subgraph))
          .document(Parser.parse(e.query))
          .operationName(e.operationName)
          .variables(e.variables)
          .build()
          .visitPreOrder(
              new QueryVisitorStub() {
                @Override
                public void visitField(QueryVisitorFieldEnvironment env) {
                  if (env.isTypeNameIntrospectionField()) {
                    return;
                  }
                  GraphQLFieldsContainer c = env.getFieldsContainer();
                  if (c != null) {
                    out.add(c.getName() + "." + env.getField().getName());
                  }
                }
              });
    } catch (RuntimeException ex) {
      problems.add(subgraph + ": cannot analyse request " + e + ": " + ex.getMessage());
    }
    return out;
  }
}
