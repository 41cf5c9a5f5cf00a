package dev.junction.planner.build;

import dev.junction.planner.supergraph.FieldSets;
import dev.junction.planner.supergraph.JoinModel.FieldInGraph;
import dev.junction.planner.supergraph.JoinModel.TypeInGraph;
import dev.junction.planner.supergraph.Supergraph;
import graphql.language.Field;
import graphql.language.Selection;
import graphql.schema.GraphQLFieldDefinition;

/** What a subgraph can resolve by itself: fields, value-type subtrees and other subgraphs' keys. */
final class Resolvability {
  private final Supergraph sg;

  Resolvability(Supergraph sg) {
    this.sg = sg;
  }

  /** Whether a type is an entity (has a {@code @key}) in some subgraph. */
  boolean isEntity(String type) {
    for (TypeInGraph t : sg.typeInGraphs(type)) {
      if (t.key() != null) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code subgraph} can give the fields of some other subgraph's key of an entity. */
  boolean keyAvailable(String subgraph, String type, Provided provided) {
    for (String s : sg.graphs().keySet()) {
      if (s.equals(subgraph) || sg.isInterfaceObject(type, s)) {
        continue;
      }
      for (TypeInGraph k : sg.keys(type, s)) {
        if (suppliesKey(subgraph, type, k.key(), provided)) {
          return true;
        }
      }
    }
    return false;
  }

  /** Whether a subgraph resolves a field and every value-type field below it. */
  boolean resolvableTree(String subgraph, String type, Field f, Provided provided) {
    if (!canResolveLocally(subgraph, type, f.getName(), provided)) {
      return false;
    }
    GraphQLFieldDefinition def = sg.field(type, f.getName());
    if (def == null || f.getSelectionSet() == null) {
      return true;
    }
    String child = Supergraph.namedType(def);
    Provided childProvided = provided == null ? null : provided.child(type, f.getName());
    if (keyAvailable(subgraph, child, childProvided) || sg.isAbstract(child)) {
      return true; // entity jumps (or type conditions) take care of what lies below
    }
    for (Selection<?> s : f.getSelectionSet().getSelections()) {
      if (s instanceof Field cf
          && !cf.getName().startsWith("__")
          && !resolvableTree(subgraph, child, cf, childProvided)) {
        return false;
      }
    }
    return true;
  }

  boolean canResolveLocally(String subgraph, String type, String field, Provided provided) {
    if (provided != null && provided.has(type, field)) {
      return true;
    }
    if (!sg.typeInGraph(type, subgraph)) {
      return false;
    }
    FieldInGraph fig = sg.fieldInGraph(type, field, subgraph);
    if (fig != null && fig.requires() != null) {
      return false;
    }
    if (!sg.resolves(subgraph, type, field)) {
      return false;
    }
    if (sg.isAbstract(type) && !field.startsWith("__") && !sg.isInterfaceObject(type, subgraph)) {
      // an interface field is answered by the implementations: every one this subgraph may
      // return must resolve it (an @external id on one of them does not)
      for (String o : sg.possibleTypesInGraph(type, subgraph)) {
        if (sg.field(o, field) != null && !canResolveLocally(subgraph, o, field, provided)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * The first key of {@code entityType} in {@code target} whose fields {@code subgraph} resolves
   * itself on {@code parentType}, or null.
   */
  String localKey(
      String subgraph, String parentType, String target, String entityType, Provided provided) {
    for (TypeInGraph k : sg.keys(entityType, target)) {
      if (suppliesKey(subgraph, parentType, k.key(), provided)) {
        return k.key();
      }
    }
    return null;
  }

  /** Whether {@code subgraph} resolves every field of {@code key} on {@code type} itself. */
  private boolean suppliesKey(String subgraph, String type, String key, Provided provided) {
    for (Selection<?> s : FieldSets.parse(key).getSelections()) {
      if (!(s instanceof Field kf) || !canResolveLocally(subgraph, type, kf.getName(), provided)) {
        return false;
      }
    }
    return true;
  }
}
