package dev.junction.gateway.auth;

import dev.junction.gateway.Identity;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verified tokens by their text, each until its own expiry, at most {@code maxEntries} of them, in
 * two generations: new tokens go to the young map; when it holds half the entries it becomes the
 * old map and the previous old one is dropped; a token found in the old map moves back to the young
 * one. Tokens in use stay cached, tokens not seen for a generation are dropped, and a full cache
 * never empties at once (no cliff where every client pays for a signature check in the same
 * second). Lookups and insertions are lock-free (one swap under a lock per generation).
 */
final class TokenCache {
  private record Entry(Identity identity, long expiresAtMillis) {}

  private final int generationSize;
  private volatile ConcurrentHashMap<String, Entry> young = new ConcurrentHashMap<>();
  private volatile ConcurrentHashMap<String, Entry> old = new ConcurrentHashMap<>();

  /** A cache of at most {@code maxEntries} tokens; 0 caches nothing. */
  TokenCache(int maxEntries) {
    this.generationSize = maxEntries / 2;
  }

  /** The identity of a cached, unexpired token, or null. */
  Identity get(String token, long nowMillis) {
    if (generationSize == 0) {
      return null;
    }
    ConcurrentHashMap<String, Entry> y = young;
    Entry entry = y.get(token);
    if (entry == null) {
      ConcurrentHashMap<String, Entry> o = old;
      entry = o.get(token);
      if (entry == null) {
        return null;
      }
      if (nowMillis < entry.expiresAtMillis()) {
        add(token, entry);
      }
    }
    if (nowMillis >= entry.expiresAtMillis()) {
      y.remove(token, entry);
      return null;
    }
    return entry.identity();
  }

  /** Caches a verified token until {@code untilMillis} (nothing when that is not after now). */
  void put(String token, Identity identity, long untilMillis, long nowMillis) {
    if (generationSize > 0 && untilMillis > nowMillis) {
      add(token, new Entry(identity, untilMillis));
    }
  }

  private void add(String token, Entry entry) {
    ConcurrentHashMap<String, Entry> y = young;
    if (y.size() >= generationSize) {
      synchronized (this) {
        if (young == y) {
          old = y;
          young = new ConcurrentHashMap<>(Math.min(generationSize, 1 << 16) * 4 / 3 + 1);
        }
      }
      y = young;
    }
    y.put(token, entry);
  }

  /** Tokens cached now (both generations; for tests and metrics). */
  int size() {
    return young.size() + old.size();
  }
}
