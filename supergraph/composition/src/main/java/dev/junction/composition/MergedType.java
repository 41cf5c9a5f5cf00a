package dev.junction.composition;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** A supergraph type under construction: every subgraph's definition of one type name. */
final class MergedType {

  /** A field (or enum value, input field) of the supergraph type. */
  static final class MergedField {
    final String name;
    final Map<String, Subgraph.Member> byGraph = new LinkedHashMap<>();
    String type;
    String description;
    String deprecated;
    boolean inaccessible;
    final Set<String> tags = new LinkedHashSet<>();

    MergedField(String name) {
      this.name = name;
    }
  }

  final String name;
  Subgraph.Kind kind;
  final Map<String, Subgraph.TypeDef> byGraph = new LinkedHashMap<>();
  final Map<String, MergedField> fields = new LinkedHashMap<>();
  String description;
  boolean inaccessible;
  final Set<String> tags = new LinkedHashSet<>();

  MergedType(String name, Subgraph.Kind kind) {
    this.name = name;
    this.kind = kind;
  }

  boolean hasInterfaceObject() {
    return byGraph.values().stream().anyMatch(t -> t.interfaceObject);
  }
}
