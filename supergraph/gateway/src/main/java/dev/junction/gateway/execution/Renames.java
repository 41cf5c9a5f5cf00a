package dev.junction.gateway.execution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renames the internal aliases of a fetch ({@code PlanNode.Fetch#renames}) back to the response
 * keys they stand for, in a subgraph's answer and its errors' paths, before the answer is merged.
 */
final class Renames {
  private Renames() {}

  /** Renames in a subgraph's response body: its data and its errors' paths. */
  @SuppressWarnings("unchecked")
  static void inAnswer(Map<String, Object> body, Map<String, String> renames) {
    if (renames.isEmpty()) {
      return;
    }
    apply(body.get("data"), renames);
    if (body.get("errors") instanceof List<?> errors) {
      List<Map<String, Object>> maps = new ArrayList<>();
      for (Object o : errors) {
        if (o instanceof Map<?, ?> m) {
          maps.add((Map<String, Object>) m);
        }
      }
      applyToPaths(maps, renames);
    }
  }

  /** Renames in place, at any depth of {@code value}. */
  @SuppressWarnings("unchecked")
  static void apply(Object value, Map<String, String> renames) {
    if (value instanceof List<?> list) {
      for (Object item : list) {
        apply(item, renames);
      }
    } else if (value instanceof Map<?, ?> map) {
      Map<String, Object> m = (Map<String, Object>) map;
      List<String> found = null;
      for (Map.Entry<String, Object> e : m.entrySet()) {
        apply(e.getValue(), renames);
        if (renames.containsKey(e.getKey())) {
          if (found == null) {
            found = new ArrayList<>(2);
          }
          found.add(e.getKey());
        }
      }
      if (found != null) {
        for (String alias : found) {
          Object v = m.remove(alias);
          String key = renames.get(alias).intern();
          if (m.get(key) == null) {
            m.put(key, v);
          }
        }
      }
    }
  }

  /** Renames the segments of each error's {@code path}. */
  @SuppressWarnings("unchecked")
  private static void applyToPaths(List<Map<String, Object>> errors, Map<String, String> renames) {
    for (Map<String, Object> e : errors) {
      if (e.get("path") instanceof List<?> path) {
        List<Object> renamed = new ArrayList<>(path.size());
        boolean changed = false;
        for (Object segment : path) {
          String to = segment instanceof String s ? renames.get(s) : null;
          renamed.add(to != null ? to : segment);
          changed |= to != null;
        }
        if (changed) {
          ((Map<String, Object>) e).put("path", renamed);
        }
      }
    }
  }
}
