package dev.junction.planner.plan;

import java.util.List;
import java.util.Set;

/**
 * How to build an entity representation for objects of some types: {@code __typename} plus the
 * selected key and required fields.
 *
 * @param typeNames the runtime {@code __typename}s this input applies to
 * @param typenameAs the {@code __typename} to send instead (an {@code @interfaceObject} entity), or
 *     null to send the object's own
 * @param selections the fields to copy from the object ({@code __typename} first)
 */
public record EntityInput(
    Set<String> typeNames, String typenameAs, List<InputSelection> selections) {
  public EntityInput {
    typeNames = Set.copyOf(typeNames);
    selections = List.copyOf(selections);
  }
}
