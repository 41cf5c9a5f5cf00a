package dev.junction.gateway.auth;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Values by key, each until its own expiry, at most {@code maxEntries} of them, in two generations:
 * new entries go to the young map; when it holds half the entries it becomes the old map and the
 * previous old one is dropped; an entry found in the old map moves back to the young one. Entries
 * in use stay cached, entries not seen for a generation are dropped, and a full cache never empties
 * at once (no cliff where every client pays for a signature in the same second). Lookups and
 * insertions are lock-free (one swap under a lock per generation).
 */
final class GenerationCache<K, V> {
  private record Entry<V>(V value, long expiresAtMillis) {}

  private final int generationSize;
  private volatile ConcurrentHashMap<K, Entry<V>> young = new ConcurrentHashMap<>();
  private volatile ConcurrentHashMap<K, Entry<V>> old = new ConcurrentHashMap<>();

  /** A cache of at most {@code maxEntries} entries; 0 or 1 caches nothing. */
  GenerationCache(int maxEntries) {
    this.generationSize = maxEntries / 2;
  }

  /** The value of a cached, unexpired key, or null. */
  V get(K key, long nowMillis) {
    if (generationSize == 0) {
      return null;
    }
    ConcurrentHashMap<K, Entry<V>> y = young;
    Entry<V> entry = y.get(key);
    if (entry == null) {
      entry = old.get(key);
      if (entry == null) {
        return null;
      }
      if (nowMillis < entry.expiresAtMillis()) {
        add(key, entry);
      }
    }
    if (nowMillis >= entry.expiresAtMillis()) {
      y.remove(key, entry);
      return null;
    }
    return entry.value();
  }

  /** Caches a value until {@code untilMillis} (nothing when that is not after now). */
  void put(K key, V value, long untilMillis, long nowMillis) {
    if (generationSize > 0 && untilMillis > nowMillis) {
      add(key, new Entry<>(value, untilMillis));
    }
  }

  private void add(K key, Entry<V> entry) {
    ConcurrentHashMap<K, Entry<V>> y = young;
    if (y.size() >= generationSize) {
      synchronized (this) {
        if (young == y) {
          old = y;
          young = new ConcurrentHashMap<>(Math.min(generationSize, 1 << 16) * 4 / 3 + 1);
        }
      }
      y = young;
    }
    y.put(key, entry);
  }

  /** Entries cached now (both generations; for tests). */
  int size() {
    return young.size() + old.size();
  }
}
