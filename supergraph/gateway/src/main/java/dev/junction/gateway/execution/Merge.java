package dev.junction.gateway.execution;

import java.util.List;
import java.util.Map;

/** Deep merge of subgraph results into the response tree. */
final class Merge {
  private Merge() {}

  @SuppressWarnings("unchecked")
  static void deepMerge(Map<String, Object> target, Map<String, Object> source) {
    for (Map.Entry<String, Object> e : source.entrySet()) {
      String key = e.getKey();
      Object incoming = e.getValue();
      Object existing = target.get(key);
      if (existing == null) {
        if (!target.containsKey(key) || incoming != null) {
          target.put(key, incoming);
        }
      } else if (key.equals("__typename")) {
        // An object's type never changes; an @interfaceObject subgraph reports the interface.
        continue;
      } else if (existing instanceof Map<?, ?> em && incoming instanceof Map<?, ?> im) {
        deepMerge((Map<String, Object>) em, (Map<String, Object>) im);
      } else if (existing instanceof List<?> el && incoming instanceof List<?> il) {
        mergeLists((List<Object>) el, (List<Object>) il);
      } else if (incoming != null) {
        target.put(key, incoming);
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static void mergeLists(List<Object> target, List<Object> source) {
    if (target.size() != source.size()) {
      return;
    }
    for (int i = 0; i < target.size(); i++) {
      Object t = target.get(i);
      Object s = source.get(i);
      if (t instanceof Map<?, ?> tm && s instanceof Map<?, ?> sm) {
        deepMerge((Map<String, Object>) tm, (Map<String, Object>) sm);
      } else if (t instanceof List<?> tl && s instanceof List<?> sl) {
        mergeLists((List<Object>) tl, (List<Object>) sl);
      } else if (t == null) {
        target.set(i, s);
      }
    }
  }
}
