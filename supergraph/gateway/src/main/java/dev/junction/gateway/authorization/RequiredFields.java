package dev.junction.gateway.authorization;

import dev.junction.planner.supergraph.FieldSets;
import graphql.language.Field;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import java.util.Map;

/** The requirement of reading the fields of a {@code @requires} field set. */
final class RequiredFields {
  private RequiredFields() {}

  static Requirement requirement(
      String parent,
      String fieldSet,
      Map<String, Requirement> types,
      Map<String, Requirement> fields,
      Map<String, String> returnTypes) {
    SelectionSet set;
    try {
      set = FieldSets.parse(fieldSet);
    } catch (RuntimeException e) {
      return Requirement.NONE; // composition validated it; nothing to add when it is unreadable
    }
    return of(parent, set, types, fields, returnTypes);
  }

  private static Requirement of(
      String parent,
      SelectionSet set,
      Map<String, Requirement> types,
      Map<String, Requirement> fields,
      Map<String, String> returnTypes) {
    Requirement out = Requirement.NONE;
    for (Selection<?> s : set.getSelections()) {
      if (s instanceof Field f) {
        String key = parent + "." + f.getName();
        String returnType = returnTypes.get(key);
        out = out.and(fields.getOrDefault(key, Requirement.NONE));
        if (returnType != null) {
          out = out.and(types.getOrDefault(returnType, Requirement.NONE));
          if (f.getSelectionSet() != null) {
            out = out.and(of(returnType, f.getSelectionSet(), types, fields, returnTypes));
          }
        }
      } else if (s instanceof InlineFragment inf && inf.getTypeCondition() != null) {
        String on = inf.getTypeCondition().getName();
        out = out.and(types.getOrDefault(on, Requirement.NONE));
        out = out.and(of(on, inf.getSelectionSet(), types, fields, returnTypes));
      }
    }
    return out;
  }
}
