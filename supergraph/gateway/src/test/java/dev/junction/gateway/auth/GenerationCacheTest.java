package dev.junction.gateway.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.junction.gateway.Identity;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GenerationCacheTest {
  private static Identity id(int i) {
    return new Identity("t" + i, Map.of("sub", "s" + i));
  }

  @Test
  void keepsATokenUntilItsExpiry() {
    GenerationCache<String, Identity> cache = new GenerationCache<>(10);
    cache.put("t1", id(1), 1_000, 0);
    assertThat(cache.get("t1", 999)).isEqualTo(id(1));
    assertThat(cache.get("t1", 1_000)).isNull();
    assertThat(cache.get("t2", 0)).isNull();
  }

  @Test
  void neverCachesAnExpiredTokenNorWhenSizeIsZero() {
    GenerationCache<String, Identity> cache = new GenerationCache<>(10);
    cache.put("t1", id(1), 5, 5);
    assertThat(cache.size()).isZero();
    GenerationCache<String, Identity> none = new GenerationCache<>(0);
    none.put("t1", id(1), 1_000, 0);
    assertThat(none.get("t1", 0)).isNull();
  }

  @Test
  void staysBoundedAndKeepsTheTokensInUse() {
    GenerationCache<String, Identity> cache = new GenerationCache<>(1_000);
    // one token used all along, 100,000 others seen once each
    for (int i = 0; i < 100_000; i++) {
      cache.put("t" + i, id(i), Long.MAX_VALUE, 0);
      assertThat(cache.get("t0", 0)).as("after %d others", i).isEqualTo(id(0));
      assertThat(cache.size()).isLessThanOrEqualTo(1_001);
    }
    // the most recent ones are still there, the oldest are gone
    assertThat(cache.get("t99999", 0)).isEqualTo(id(99_999));
    assertThat(cache.get("t5", 0)).isNull();
  }

  @Test
  void aFullCacheDoesNotEmptyAtOnce() {
    GenerationCache<String, Identity> cache = new GenerationCache<>(100);
    for (int i = 0; i < 100; i++) {
      cache.put("t" + i, id(i), Long.MAX_VALUE, 0);
    }
    cache.put("new", id(-1), Long.MAX_VALUE, 0);
    int kept = 0;
    for (int i = 0; i < 100; i++) {
      kept += cache.get("t" + i, 0) != null ? 1 : 0;
    }
    assertThat(kept).isGreaterThanOrEqualTo(50);
  }
}
