package dev.junction.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.client.transport.InvalidResponseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * Deferred fragments ({@code @defer}) of a response being read: generated code calls {@link
 * #fragment} for each deferred fragment while parsing the primary part and gets a future completed
 * when the fragment's incremental part arrives (with that part's errors), or exceptionally when the
 * response ends without it. Not for direct use.
 */
public final class DeferredParts {
  private static final ThreadLocal<DeferredParts> CURRENT = new ThreadLocal<>();

  private record Expected<T>(
      JsonNode node,
      String path,
      String label,
      BiFunction<JsonNode, String, T> parser,
      CompletableFuture<GraphQLResult<T>> future) {
    void resolve(List<GraphQLError> errors) {
      try {
        future.complete(new GraphQLResult<>(parser.apply(node, path), errors, null));
      } catch (RuntimeException e) {
        future.completeExceptionally(e);
      }
    }

    void resolveOrMissing() {
      try {
        future.complete(new GraphQLResult<>(parser.apply(node, path), List.of(), null));
      } catch (RuntimeException e) {
        future.completeExceptionally(missing(path, label, e));
      }
    }
  }

  private final List<Expected<?>> expected = new ArrayList<>();

  DeferredParts() {}

  /**
   * The future of one deferred fragment of the object {@code node} at {@code path}. Outside an
   * incremental response (a server that answered in one piece) the fragment is read from {@code
   * node} at once.
   */
  public static <T> CompletableFuture<GraphQLResult<T>> fragment(
      JsonNode node, String path, String label, BiFunction<JsonNode, String, T> parser) {
    DeferredParts parts = CURRENT.get();
    Expected<T> e = new Expected<>(node, path, label, parser, new CompletableFuture<>());
    if (parts == null) {
      e.resolve(List.of());
    } else {
      synchronized (parts) {
        parts.expected.add(e);
      }
    }
    return e.future();
  }

  /** Parses the primary part with this registry active for the current thread. */
  <D> GraphQLResult<D> parsePrimary(Operation<D> operation, JsonNode body) {
    CURRENT.set(this);
    try {
      return GraphQLClient.toResult(operation, body);
    } finally {
      CURRENT.remove();
    }
  }

  /** Applies one {@code incremental} entry: merges its data, completes the fragments it carries. */
  void apply(JsonNode root, JsonNode entry) {
    JsonNode pathNode = entry.path("path");
    StringBuilder path = new StringBuilder("data");
    JsonNode target = root;
    for (JsonNode segment : pathNode) {
      if (segment.isInt()) {
        path.append('[').append(segment.intValue()).append(']');
        target = target == null ? null : target.get(segment.intValue());
      } else {
        path.append('.').append(segment.asText());
        target = target == null ? null : target.get(segment.asText());
      }
    }
    JsonNode data = entry.get("data");
    if (target instanceof ObjectNode object && data instanceof ObjectNode fields) {
      merge(object, fields);
    }
    List<GraphQLError> errors = new ArrayList<>();
    for (JsonNode error : entry.path("errors")) {
      errors.add(ErrorParsing.error(error));
    }
    String label = entry.path("label").asText(null);
    String at = path.toString();
    List<Expected<?>> matched = new ArrayList<>();
    synchronized (this) {
      for (Iterator<Expected<?>> it = expected.iterator(); it.hasNext(); ) {
        Expected<?> e = it.next();
        if (e.path().equals(at) && (e.label() == null || e.label().equals(label))) {
          matched.add(e);
          it.remove();
        }
      }
    }
    for (Expected<?> e : matched) {
      if (data == null || data.isNull()) {
        e.future().complete(new GraphQLResult<>(null, errors, null));
      } else {
        e.resolve(errors);
      }
    }
  }

  private static void merge(ObjectNode into, ObjectNode from) {
    from.fields()
        .forEachRemaining(
            field -> {
              JsonNode existing = into.get(field.getKey());
              if (existing instanceof ObjectNode a && field.getValue() instanceof ObjectNode b) {
                merge(a, b);
              } else {
                into.set(field.getKey(), field.getValue());
              }
            });
  }

  /**
   * The response ended: fragments still waiting are read from the data as merged so far (a server
   * that inlined them), else fail with {@code failure} or an {@link InvalidResponseException}.
   */
  void end(Throwable failure) {
    List<Expected<?>> left;
    synchronized (this) {
      left = new ArrayList<>(expected);
      expected.clear();
    }
    for (Expected<?> e : left) {
      if (failure != null) {
        e.future().completeExceptionally(failure);
      } else {
        e.resolveOrMissing();
      }
    }
  }

  private static InvalidResponseException missing(String path, String label, Throwable cause) {
    return new InvalidResponseException(
        "the response ended without the deferred fragment "
            + (label == null ? "" : "'" + label + "' ")
            + "at "
            + path,
        cause);
  }
}
