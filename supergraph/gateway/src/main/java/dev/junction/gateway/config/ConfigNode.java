package dev.junction.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A value of the parsed YAML tree with its key path: typed accessors that fail with a {@link
 * ConfigException} naming the path. Scalars arrive as strings (the loader disables YAML's implicit
 * typing) and go through environment expansion when read.
 */
final class ConfigNode {
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private final String path;
  private final Object value;
  private final Context context;

  /** What every node of one document shares. */
  record Context(String source, EnvExpander env) {}

  ConfigNode(String path, Object value, Context context) {
    this.path = path;
    this.value = value;
    this.context = context;
  }

  String path() {
    return path;
  }

  boolean isAbsent() {
    return value == null;
  }

  /** The raw YAML value (a map, list, string or null). */
  Object raw() {
    return value;
  }

  /** A node at the same path with another value (settings merged from several sections). */
  ConfigNode withValue(Object newValue) {
    return new ConfigNode(path, newValue, context);
  }

  private String childPath(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  /**
   * This node as a mapping whose keys must all be in {@code allowed}; an absent value is an empty
   * mapping.
   */
  Mapping mapping(Set<String> allowed) {
    Map<String, Object> map = rawMap();
    for (String key : map.keySet()) {
      if (!allowed.contains(key)) {
        throw new ConfigException(unknownKey(key, allowed));
      }
    }
    return new Mapping(map);
  }

  /** This node as a mapping with user-chosen keys (subgraph names). */
  Map<String, ConfigNode> entries() {
    Map<String, ConfigNode> out = new LinkedHashMap<>();
    rawMap().forEach((key, v) -> out.put(key, new ConfigNode(childPath(key), v, context)));
    return out;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> rawMap() {
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw bad("expected a mapping, got " + describe(value));
    }
    for (Object key : map.keySet()) {
      if (!(key instanceof String)) {
        throw bad("keys must be strings, got " + describe(key));
      }
    }
    return (Map<String, Object>) map;
  }

  /** This node as a list; an absent value is an empty list. */
  List<ConfigNode> list() {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> items)) {
      throw bad("expected a list, got " + describe(value));
    }
    List<ConfigNode> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      out.add(new ConfigNode(path + "[" + i + "]", items.get(i), context));
    }
    return out;
  }

  /** The expanded string, or {@code fallback} when absent. */
  String string(String fallback) {
    if (value == null) {
      return fallback;
    }
    if (!(value instanceof String s)) {
      throw bad("expected a string, got " + describe(value));
    }
    return context.env().expand(s, path);
  }

  /** A required, non-blank string. */
  String requiredString() {
    String s = string(null);
    if (s == null || s.isBlank()) {
      throw bad("a value is required");
    }
    return s;
  }

  boolean bool(boolean fallback) {
    String s = string(null);
    if (s == null) {
      return fallback;
    }
    if (s.equalsIgnoreCase("true")) {
      return true;
    }
    if (s.equalsIgnoreCase("false")) {
      return false;
    }
    throw bad("expected true or false, got '" + s + "'");
  }

  long integer(long fallback, long min, long max) {
    String s = string(null);
    if (s == null) {
      return fallback;
    }
    long n;
    try {
      n = Long.parseLong(s.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw bad("expected an integer, got '" + s + "'");
    }
    if (n < min || n > max) {
      throw bad("expected an integer between " + min + " and " + max + ", got " + n);
    }
    return n;
  }

  double decimal(double fallback, double min, double max) {
    String s = string(null);
    if (s == null) {
      return fallback;
    }
    double n;
    try {
      n = Double.parseDouble(s.trim());
    } catch (NumberFormatException e) {
      throw bad("expected a number, got '" + s + "'");
    }
    if (!(n >= min && n <= max)) {
      throw bad("expected a number between " + fmt(min) + " and " + fmt(max) + ", got " + s.trim());
    }
    return n;
  }

  private static String fmt(double d) {
    return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
  }

  /** A duration such as {@code 500ms}, {@code 10s}, {@code 1m30s}, {@code 2h}. */
  Duration duration(Duration fallback) {
    String s = string(null);
    if (s == null) {
      return fallback;
    }
    Duration parsed = parseDuration(s.trim());
    if (parsed == null) {
      throw bad("expected a duration like 10s, got '" + s + "'");
    }
    return parsed;
  }

  Pattern regex() {
    String s = requiredString();
    try {
      return Pattern.compile(s);
    } catch (PatternSyntaxException e) {
      throw bad("invalid regular expression '" + s + "': " + e.getDescription());
    }
  }

  /** An error about this node's value. */
  /** A required path; a relative one resolves against {@code baseDir} (when not null). */
  Path path(Path baseDir) {
    String text = requiredString();
    Path path;
    try {
      path = Path.of(text);
    } catch (java.nio.file.InvalidPathException e) {
      throw bad("invalid path '" + text + "'");
    }
    if (!path.isAbsolute() && baseDir != null) {
      path = baseDir.resolve(path).normalize();
    }
    return path;
  }

  ConfigException bad(String message) {
    return new ConfigException(path + ": " + message);
  }

  static Duration parseDuration(String s) {
    if (s.isEmpty()) {
      return null;
    }
    Matcher m = DURATION_PART.matcher(s);
    Duration total = Duration.ZERO;
    int at = 0;
    while (at < s.length()) {
      if (!m.find(at) || m.start() != at) {
        return null;
      }
      long amount;
      try {
        amount = Long.parseLong(m.group(1));
      } catch (NumberFormatException e) {
        return null;
      }
      total =
          total.plus(
              switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
              });
      at = m.end();
    }
    return total;
  }

  private String unknownKey(String key, Set<String> allowed) {
    String message = "unknown key '" + childPath(key) + "' in " + context.source();
    String suggestion = closest(key, allowed);
    if (suggestion != null) {
      return message + " (did you mean '" + suggestion + "'?)";
    }
    return message + " (expected one of: " + String.join(", ", new TreeSet<>(allowed)) + ")";
  }

  private static String closest(String key, Set<String> candidates) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : new TreeSet<>(candidates)) {
      int d = distance(key.toLowerCase(java.util.Locale.ROOT), candidate);
      if (d < bestDistance) {
        best = candidate;
        bestDistance = d;
      }
    }
    int limit = Math.max(2, key.length() / 3);
    return bestDistance <= limit ? best : null;
  }

  /** Levenshtein distance with adjacent transpositions counted as one edit. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  private static String describe(Object v) {
    if (v instanceof Map) {
      return "a mapping";
    }
    if (v instanceof List) {
      return "a list";
    }
    return "'" + v + "'";
  }

  /** A mapping whose keys were checked. */
  final class Mapping {
    private final Map<String, Object> map;

    private Mapping(Map<String, Object> map) {
      this.map = map;
    }

    ConfigNode get(String key) {
      return new ConfigNode(childPath(key), map.get(key), context);
    }

    boolean has(String key) {
      return map.get(key) != null;
    }

    ConfigNode node() {
      return ConfigNode.this;
    }
  }
}
