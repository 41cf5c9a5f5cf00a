package dev.junction.bench.realtime;

import java.util.HashMap;
import java.util.Map;

/** {@code --name value} pairs. */
record Args(Map<String, String> values) {
  static Args parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --name value at " + args[i]);
      }
      values.put(args[i].substring(2), args[++i]);
    }
    return new Args(values);
  }

  String get(String name, String fallback) {
    return values.getOrDefault(name, fallback);
  }

  String require(String name) {
    String value = values.get(name);
    if (value == null) {
      throw new IllegalArgumentException("--" + name + " is required");
    }
    return value;
  }

  int integer(String name, int fallback) {
    return Integer.parseInt(get(name, Integer.toString(fallback)));
  }
}
