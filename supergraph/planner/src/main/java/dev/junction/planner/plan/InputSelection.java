package dev.junction.planner.plan;

import java.util.List;
import java.util.Set;

/** A part of a representation's shape. */
public sealed interface InputSelection permits InputSelection.Field, InputSelection.Fragment {

  /**
   * Copy field {@code name}, read from the response under {@code responseKey} (the planner aliases
   * key and required fields whose name a client alias uses); {@code selections} is null for a leaf,
   * else its sub-shape.
   */
  record Field(String name, String responseKey, List<InputSelection> selections)
      implements InputSelection {
    public Field {
      name = name.intern(); // compared with interned response keys
      responseKey = responseKey.intern();
      selections = selections == null ? null : List.copyOf(selections);
    }

    public Field(String name, List<InputSelection> selections) {
      this(name, name, selections);
    }
  }

  /** Apply {@code selections} only to objects whose {@code __typename} is in {@code typeNames}. */
  record Fragment(String typeCondition, Set<String> typeNames, List<InputSelection> selections)
      implements InputSelection {
    public Fragment {
      typeNames = Set.copyOf(typeNames);
      selections = List.copyOf(selections);
    }
  }
}
