package dev.junction.gateway.execution;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A JSON object of a subgraph response: an insertion-ordered map with String keys kept in two
 * arrays. GraphQL objects have few fields, so a linear scan over a compact array is faster than
 * hashing and touches less memory than a {@link java.util.LinkedHashMap} (one object and two arrays
 * instead of a node per entry); objects with many fields get a hash index. Null values are allowed.
 * Not thread-safe.
 */
public final class JsonObject extends AbstractMap<String, Object> {
  private static final int INDEX_FROM = 16;

  private String[] keys;
  private int[] hashes;
  private Object[] values;
  private int size;
  private HashMap<String, Integer> index;

  public JsonObject() {
    this(8);
  }

  public JsonObject(int capacity) {
    keys = new String[Math.max(2, capacity)];
    hashes = new int[keys.length];
    values = new Object[keys.length];
  }

  @Override
  public int size() {
    return size;
  }

  private int find(Object key) {
    if (index != null) {
      Integer i = index.get(key);
      return i == null ? -1 : i;
    }
    if (!(key instanceof String s)) {
      return -1;
    }
    // hashes first: a contiguous int array, so a miss touches no key object
    int h = s.hashCode();
    int[] hs = hashes;
    for (int i = 0, n = size; i < n; i++) {
      if (hs[i] == h) {
        String k = keys[i];
        if (k == s || k.equals(s)) {
          return i;
        }
      }
    }
    return -1;
  }

  /** The position of {@code key}, or -1. */
  int indexOf(String key) {
    return find(key);
  }

  /** Replaces the value at position {@code i}. */
  void setValueAt(int i, Object value) {
    values[i] = value;
  }

  @Override
  public Object get(Object key) {
    int i = find(key);
    return i < 0 ? null : values[i];
  }

  @Override
  public boolean containsKey(Object key) {
    return find(key) >= 0;
  }

  @Override
  public Object put(String key, Object value) {
    Objects.requireNonNull(key, "key");
    int i = find(key);
    if (i >= 0) {
      Object old = values[i];
      values[i] = value;
      return old;
    }
    append(key, value);
    return null;
  }

  /** Adds a key known to be absent. */
  void append(String key, Object value) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      hashes = Arrays.copyOf(hashes, size * 2);
      values = Arrays.copyOf(values, size * 2);
    }
    keys[size] = key;
    hashes[size] = key.hashCode();
    values[size] = value;
    if (index != null) {
      index.put(key, size);
    } else if (size + 1 > INDEX_FROM) {
      index = new HashMap<>(size * 2 + 2);
      for (int k = 0; k <= size; k++) {
        index.put(keys[k], k);
      }
    }
    size++;
  }

  /**
   * {@link #put} for the JSON reader, whose field names are canonical: a repeated name is the same
   * reference, so only references are compared (the last value wins, as with {@code put}).
   */
  void putCanonical(String key, Object value) {
    if (index == null) {
      String[] k = keys;
      for (int i = 0, n = size; i < n; i++) {
        if (k[i] == key) {
          values[i] = value;
          return;
        }
      }
      append(key, value);
      return;
    }
    put(key, value);
  }

  @Override
  public Object remove(Object key) {
    int i = find(key);
    if (i < 0) {
      return null;
    }
    Object old = values[i];
    System.arraycopy(keys, i + 1, keys, i, size - i - 1);
    System.arraycopy(hashes, i + 1, hashes, i, size - i - 1);
    System.arraycopy(values, i + 1, values, i, size - i - 1);
    size--;
    keys[size] = null;
    values[size] = null;
    if (index != null) {
      index = null;
      if (size > INDEX_FROM) {
        index = new HashMap<>(size * 2);
        for (int k = 0; k < size; k++) {
          index.put(keys[k], k);
        }
      }
    }
    return old;
  }

  @Override
  public void clear() {
    Arrays.fill(keys, 0, size, null);
    Arrays.fill(values, 0, size, null);
    size = 0;
    index = null;
  }

  /** The key at position {@code i} (insertion order). */
  public String keyAt(int i) {
    return keys[i];
  }

  /** The value at position {@code i} (insertion order). */
  public Object valueAt(int i) {
    return values[i];
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super Object> action) {
    for (int i = 0; i < size; i++) {
      action.accept(keys[i], values[i]);
    }
  }

  @Override
  public Set<Entry<String, Object>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public int size() {
        return size;
      }

      @Override
      public Iterator<Entry<String, Object>> iterator() {
        return new Iterator<>() {
          private int next;
          private int last = -1;

          @Override
          public boolean hasNext() {
            return next < size;
          }

          @Override
          public Entry<String, Object> next() {
            if (next >= size) {
              throw new NoSuchElementException();
            }
            last = next++;
            int at = last;
            return new SimpleEntry<>(keys[at], values[at]) {
              @Override
              public Object setValue(Object value) {
                values[at] = value;
                return super.setValue(value);
              }
            };
          }

          @Override
          public void remove() {
            if (last < 0) {
              throw new IllegalStateException();
            }
            JsonObject.this.remove(keys[last]);
            next = last;
            last = -1;
          }
        };
      }
    };
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (int i = 0; i < size; i++) {
      h += Objects.hashCode(keys[i]) ^ Objects.hashCode(values[i]);
    }
    return h;
  }

  @Override
  public boolean equals(Object o) {
    if (o == this) {
      return true;
    }
    if (!(o instanceof Map<?, ?> m) || m.size() != size) {
      return false;
    }
    for (int i = 0; i < size; i++) {
      Object v = values[i];
      Object other = m.get(keys[i]);
      if (v == null ? other != null || !m.containsKey(keys[i]) : !v.equals(other)) {
        return false;
      }
    }
    return true;
  }
}
