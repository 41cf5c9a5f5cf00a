package dev.junction.gateway.execution;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Deep merge of subgraph results into the response tree. */
final class Merge {
  private Merge() {}

  /**
   * Merges {@code source} into {@code target}. A concrete {@code __typename} is never replaced by
   * an abstract one (an {@code @interfaceObject} subgraph reports the interface's name).
   */
  @SuppressWarnings("unchecked")
  static void deepMerge(
      Map<String, Object> target, Map<String, Object> source, Set<String> abstractTypes) {
    if (source instanceof JsonObject o) {
      for (int i = 0, n = o.size(); i < n; i++) {
        mergeField(target, o.keyAt(i), o.valueAt(i), abstractTypes);
      }
      return;
    }
    for (Map.Entry<String, Object> e : source.entrySet()) {
      mergeField(target, e.getKey(), e.getValue(), abstractTypes);
    }
  }

  @SuppressWarnings("unchecked")
  private static void mergeField(
      Map<String, Object> target, String key, Object incoming, Set<String> abstractTypes) {
    Object existing;
    if (target instanceof JsonObject o) {
      int at = o.indexOf(key);
      if (at < 0) {
        o.append(key, incoming);
        return;
      }
      existing = o.valueAt(at);
      if (existing == null) {
        if (incoming != null) {
          o.setValueAt(at, incoming);
        }
        return;
      }
    } else {
      existing = target.get(key);
      if (existing == null) {
        if (!target.containsKey(key) || incoming != null) {
          target.put(key, incoming);
        }
        return;
      }
    }
    if (key.equals("__typename")) {
      if (incoming instanceof String t && !abstractTypes.contains(t)) {
        target.put(key, incoming);
      }
    } else if (existing instanceof Map<?, ?> em && incoming instanceof Map<?, ?> im) {
      deepMerge((Map<String, Object>) em, (Map<String, Object>) im, abstractTypes);
    } else if (existing instanceof List<?> el && incoming instanceof List<?> il) {
      mergeLists((List<Object>) el, (List<Object>) il, abstractTypes);
    } else if (incoming != null) {
      target.put(key, incoming);
    }
  }

  @SuppressWarnings("unchecked")
  private static void mergeLists(
      List<Object> target, List<Object> source, Set<String> abstractTypes) {
    if (target.size() != source.size()) {
      return;
    }
    for (int i = 0; i < target.size(); i++) {
      Object t = target.get(i);
      Object s = source.get(i);
      if (t instanceof Map<?, ?> tm && s instanceof Map<?, ?> sm) {
        deepMerge((Map<String, Object>) tm, (Map<String, Object>) sm, abstractTypes);
      } else if (t instanceof List<?> tl && s instanceof List<?> sl) {
        mergeLists((List<Object>) tl, (List<Object>) sl, abstractTypes);
      } else if (t == null) {
        target.set(i, s);
      }
    }
  }
}
