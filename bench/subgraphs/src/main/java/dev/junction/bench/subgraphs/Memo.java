package dev.junction.bench.subgraphs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Answers already computed, by request body (bounded: cleared when full). */
final class Memo {
  private static final int MAX = 4096;
  private final Map<String, byte[]> answers = new ConcurrentHashMap<>();

  byte[] get(String body) {
    return answers.get(body);
  }

  void put(String body, byte[] answer) {
    if (answers.size() >= MAX) {
      answers.clear();
    }
    answers.put(body, answer);
  }
}
