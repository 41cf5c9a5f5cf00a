package dev.junction.composition.check;

import java.util.List;
import java.util.Map;

/**
 * The result of a schema check: every change, the operations each breaking change breaks, and
 * whether it is acknowledged.
 *
 * @param findings the changes, breaking first
 * @param invalidOperations operations that do not validate against the old schema (ignored)
 */
public record CheckReport(List<Finding> findings, Map<String, String> invalidOperations) {

  /**
   * One classified change.
   *
   * @param change the change
   * @param operations the client operations it affects (for breaking and dangerous changes)
   * @param acknowledgement the acknowledgement reason, or {@code null}
   */
  public record Finding(SchemaChange change, List<String> operations, String acknowledgement) {

    /** Whether this finding fails the check. */
    public boolean blocking() {
      return change.severity() == Severity.BREAKING && acknowledgement == null;
    }
  }

  /** Whether the check passes: no unacknowledged breaking change. */
  public boolean passed() {
    return findings.stream().noneMatch(Finding::blocking);
  }

  private long count(Severity s) {
    return findings.stream().filter(f -> f.change().severity() == s).count();
  }

  private String summary() {
    return (passed() ? "PASSED" : "FAILED")
        + ": "
        + count(Severity.BREAKING)
        + " breaking ("
        + findings.stream().filter(Finding::blocking).count()
        + " unacknowledged), "
        + count(Severity.DANGEROUS)
        + " dangerous, "
        + count(Severity.SAFE)
        + " safe";
  }

  /** Plain text, one change a line. */
  public String text() {
    StringBuilder b = new StringBuilder("Schema check ").append(summary()).append('\n');
    for (Finding f : findings) {
      b.append(
          String.format(
              "%-9s %-28s %s", f.change().severity(), f.change().rule(), f.change().message()));
      if (!f.operations().isEmpty()) {
        b.append(" [breaks/affects operations: ")
            .append(String.join(", ", f.operations()))
            .append(']');
      }
      if (f.acknowledgement() != null) {
        b.append(" (acknowledged: ").append(f.acknowledgement()).append(')');
      } else if (f.blocking()) {
        b.append(" (not acknowledged: add {rule: ")
            .append(f.change().rule())
            .append(", coordinate: ")
            .append(f.change().coordinate())
            .append(", reason: ...} to supergraph/schema-acknowledgements.yaml)");
      }
      b.append('\n');
    }
    invalidOperations.forEach(
        (op, error) ->
            b.append("NOTE      operation ")
                .append(op)
                .append(" ignored: ")
                .append(error)
                .append('\n'));
    return b.toString();
  }

  /** Markdown, for a pull-request comment. */
  public String markdown() {
    StringBuilder b = new StringBuilder("### Schema check: ").append(summary()).append("\n\n");
    if (findings.isEmpty()) {
      return b.append("No schema changes.\n").toString();
    }
    b.append("| Severity | Rule | Coordinate | Change | Operations | Acknowledged |\n");
    b.append("|---|---|---|---|---|---|\n");
    for (Finding f : findings) {
      b.append("| ")
          .append(f.change().severity())
          .append(" | `")
          .append(f.change().rule())
          .append("` | `")
          .append(f.change().coordinate())
          .append("` | ")
          .append(cell(f.change().message()))
          .append(" | ")
          .append(cell(String.join(", ", f.operations())))
          .append(" | ")
          .append(
              f.acknowledgement() == null
                  ? (f.blocking() ? "**no**" : "")
                  : cell(f.acknowledgement()))
          .append(" |\n");
    }
    return b.toString();
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  /**
   * JSON: {@code
   * {"passed":..,"changes":[{rule,severity,coordinate,message,operations,acknowledgement}]}}.
   */
  public String json() {
    StringBuilder b = new StringBuilder("{\"passed\":").append(passed()).append(",\"changes\":[");
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      b.append(i == 0 ? "" : ",")
          .append("{\"rule\":")
          .append(str(f.change().rule()))
          .append(",\"severity\":")
          .append(str(f.change().severity().name()))
          .append(",\"coordinate\":")
          .append(str(f.change().coordinate()))
          .append(",\"message\":")
          .append(str(f.change().message()))
          .append(",\"operations\":[");
      for (int j = 0; j < f.operations().size(); j++) {
        b.append(j == 0 ? "" : ",").append(str(f.operations().get(j)));
      }
      b.append("],\"acknowledgement\":")
          .append(f.acknowledgement() == null ? "null" : str(f.acknowledgement()))
          .append('}');
    }
    b.append("],\"invalidOperations\":{");
    int k = 0;
    for (Map.Entry<String, String> e : invalidOperations.entrySet()) {
      b.append(k++ == 0 ? "" : ",").append(str(e.getKey())).append(':').append(str(e.getValue()));
    }
    return b.append("}}").toString();
  }

  static String str(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.append('"').toString();
  }
}
