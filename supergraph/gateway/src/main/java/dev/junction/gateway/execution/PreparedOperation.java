package dev.junction.gateway.execution;

import dev.junction.gateway.response.SelectionCache;
import dev.junction.planner.plan.QueryPlan;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;

/**
 * A parsed, validated and planned operation, cached by document text and operation name.
 *
 * @param errors request errors (parse or validation); when non-empty nothing else is set
 * @param introspection a document with only the operation's introspection root fields, or null
 * @param selections the fields the operation collects per type, shared by its requests
 * @param derived what later stages derive once per operation and keep (by their own key)
 */
public record PreparedOperation(
    Document document,
    OperationDefinition operation,
    Map<String, FragmentDefinition> fragments,
    QueryPlan plan,
    Document introspection,
    List<Map<String, Object>> errors,
    SelectionCache selections,
    ConcurrentMap<Object, Object> derived) {

  public PreparedOperation(
      Document document,
      OperationDefinition operation,
      Map<String, FragmentDefinition> fragments,
      QueryPlan plan,
      Document introspection,
      List<Map<String, Object>> errors,
      SelectionCache selections) {
    this(
        document,
        operation,
        fragments,
        plan,
        introspection,
        errors,
        selections,
        new ConcurrentHashMap<>());
  }

  public static PreparedOperation failed(List<Map<String, Object>> errors) {
    return new PreparedOperation(null, null, Map.of(), null, null, errors, null);
  }

  /** What {@code compute} derives from this operation, computed once and kept under {@code key}. */
  @SuppressWarnings("unchecked")
  public <T> T derive(Object key, Function<PreparedOperation, T> compute) {
    return (T) derived.computeIfAbsent(key, k -> compute.apply(this));
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  public boolean failed() {
    return !errors.isEmpty();
  }
}
