package dev.junction.gateway.e2e;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every request the fixture servers of one case received, in arrival order. Thread-safe. */
final class RequestLog {

  /**
   * One recorded subgraph request.
   *
   * @param sequence arrival order across all subgraphs of the case, from 0
   * @param arrivedNanos {@link System#nanoTime()} when the request arrived
   */
  static final class Entry {
    final int sequence;
    final String subgraph;
    final String query;
    final Map<String, Object> variables;
    final String operationName;
    final Map<String, List<String>> headers;
    final long arrivedNanos;
    volatile long completedNanos = -1;
    volatile String response;

    Entry(
        int sequence,
        String subgraph,
        String query,
        Map<String, Object> variables,
        String operationName,
        Map<String, List<String>> headers,
        long arrivedNanos) {
      this.sequence = sequence;
      this.subgraph = subgraph;
      this.query = query;
      this.variables = variables;
      this.operationName = operationName;
      this.headers = headers;
      this.arrivedNanos = arrivedNanos;
    }

    @Override
    public String toString() {
      return "#"
          + sequence
          + " "
          + subgraph
          + ": "
          + (query == null ? "<no query>" : query.replaceAll("\\s+", " "))
          + " variables="
          + FixtureValues.toJson(variables);
    }
  }

  private final List<Entry> entries = new ArrayList<>();

  synchronized Entry arrived(
      String subgraph,
      String query,
      Map<String, Object> variables,
      String operationName,
      Map<String, List<String>> headers,
      long arrivedNanos) {
    Entry entry =
        new Entry(entries.size(), subgraph, query, variables, operationName, headers, arrivedNanos);
    entries.add(entry);
    return entry;
  }

  /** The response is about to be written (so the client cannot have it before this instant). */
  void completed(Entry entry, String response) {
    entry.response = response;
    entry.completedNanos = System.nanoTime();
  }

  synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  synchronized List<Entry> entries(String subgraph) {
    return entries.stream().filter(e -> e.subgraph.equals(subgraph)).toList();
  }

  /** A readable dump for failure messages. */
  synchronized String describe() {
    if (entries.isEmpty()) {
      return "(no subgraph request)";
    }
    StringBuilder out = new StringBuilder();
    entries.forEach(e -> out.append(e).append('\n'));
    return out.toString();
  }
}
