package dev.junction.gateway.config;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands {@code ${env.NAME}} and {@code ${env.NAME:-default}} in config string values. As in a
 * shell, the default is used when the variable is unset or empty. Expanded text is not expanded
 * again.
 */
final class EnvExpander {
  private static final Pattern REFERENCE =
      Pattern.compile("env\\.([A-Za-z_][A-Za-z0-9_]*)(?::-(.*))?", Pattern.DOTALL);

  private final Function<String, String> env;

  EnvExpander(Function<String, String> env) {
    this.env = env;
  }

  /**
   * @param path the key path, for error messages
   */
  String expand(String value, String path) {
    if (value.indexOf("${") < 0) {
      return value;
    }
    StringBuilder out = new StringBuilder(value.length());
    int i = 0;
    while (i < value.length()) {
      int start = value.indexOf("${", i);
      if (start < 0) {
        out.append(value, i, value.length());
        break;
      }
      out.append(value, i, start);
      int end = value.indexOf('}', start + 2);
      if (end < 0) {
        throw new ConfigException(
            path + ": unterminated '${' in '" + value + "' (expected ${env.NAME})");
      }
      String inner = value.substring(start + 2, end);
      Matcher m = REFERENCE.matcher(inner);
      if (!m.matches()) {
        throw new ConfigException(
            path
                + ": unsupported expansion '${"
                + inner
                + "}' (expected ${env.NAME} or ${env.NAME:-default})");
      }
      String name = m.group(1);
      String fallback = m.group(2);
      String resolved = env.apply(name);
      if (resolved == null || (fallback != null && resolved.isEmpty())) {
        if (fallback == null) {
          throw new ConfigException(
              path
                  + ": environment variable '"
                  + name
                  + "' is not set (write ${env."
                  + name
                  + ":-default} to give a default)");
        }
        resolved = fallback;
      }
      out.append(resolved);
      i = end + 1;
    }
    return out.toString();
  }
}
