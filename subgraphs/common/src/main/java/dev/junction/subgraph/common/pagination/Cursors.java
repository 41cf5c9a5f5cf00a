package dev.junction.subgraph.common.pagination;

import dev.junction.subgraph.common.error.SubgraphException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque Relay-style cursors. A cursor wraps the sort key of the last row a page returned (keyset
 * pagination); clients must not build them.
 */
public final class Cursors {
  private static final String PREFIX = "cursor:v1:";
  public static final int MAX_PAGE_SIZE = 100;

  private Cursors() {}

  public static String encode(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + key).getBytes(StandardCharsets.UTF_8));
  }

  /** Decodes a cursor; a malformed one is a {@code BAD_USER_INPUT} error. */
  public static String decode(String cursor) {
    try {
      String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!raw.startsWith(PREFIX)) {
        throw SubgraphException.badInput("Invalid cursor: " + cursor);
      }
      return raw.substring(PREFIX.length());
    } catch (IllegalArgumentException e) {
      throw SubgraphException.badInput("Invalid cursor: " + cursor);
    }
  }

  /** Validates a page size argument ({@code first}): 0 to {@value #MAX_PAGE_SIZE}. */
  public static int pageSize(Integer first, int defaultSize) {
    int size = first == null ? defaultSize : first;
    if (size < 0 || size > MAX_PAGE_SIZE) {
      throw SubgraphException.badInput(
          "first must be between 0 and " + MAX_PAGE_SIZE + ", got " + size);
    }
    return size;
  }
}
