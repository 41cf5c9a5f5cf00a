package dev.junction.bench.subgraphs;

import graphql.ExecutionInput;
import graphql.execution.preparsed.PreparsedDocumentEntry;
import graphql.execution.preparsed.PreparsedDocumentProvider;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** Caches parsed and validated documents by query text (bounded: cleared when full). */
final class DocumentCache implements PreparsedDocumentProvider {
  private static final int MAX = 1024;
  private final Map<String, PreparsedDocumentEntry> cache = new ConcurrentHashMap<>();

  @Override
  public CompletableFuture<PreparsedDocumentEntry> getDocumentAsync(
      ExecutionInput input, Function<ExecutionInput, PreparsedDocumentEntry> parseAndValidate) {
    PreparsedDocumentEntry entry = cache.get(input.getQuery());
    if (entry == null) {
      entry = parseAndValidate.apply(input);
      if (cache.size() >= MAX) {
        cache.clear();
      }
      cache.put(input.getQuery(), entry);
    }
    return CompletableFuture.completedFuture(entry);
  }
}
