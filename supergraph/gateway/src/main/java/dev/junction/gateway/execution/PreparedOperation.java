package dev.junction.gateway.execution;

import dev.junction.gateway.response.SelectionCache;
import dev.junction.planner.plan.QueryPlan;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import java.util.List;
import java.util.Map;

/**
 * A parsed, validated and planned operation, cached by document text and operation name.
 *
 * @param errors request errors (parse or validation); when non-empty nothing else is set
 * @param introspection a document with only the operation's introspection root fields, or null
 * @param selections the fields the operation collects per type, shared by its requests
 */
public record PreparedOperation(
    Document document,
    OperationDefinition operation,
    Map<String, FragmentDefinition> fragments,
    QueryPlan plan,
    Document introspection,
    List<Map<String, Object>> errors,
    SelectionCache selections) {

  public static PreparedOperation failed(List<Map<String, Object>> errors) {
    return new PreparedOperation(null, null, Map.of(), null, null, errors, null);
  }

  public boolean failed() {
    return !errors.isEmpty();
  }
}
