package dev.junction.composition.check;

import java.util.List;
import java.util.Map;

/** Diffs two API schemas and applies operations and acknowledgements. */
public final class SchemaCheck {

  private SchemaCheck() {}

  /**
   * Checks a schema change.
   *
   * @param oldSdl the committed API schema
   * @param newSdl the newly composed API schema
   * @param operations client operation documents by file name (may be empty)
   * @param acknowledgements acknowledged breaking changes
   */
  public static CheckReport check(
      String oldSdl,
      String newSdl,
      Map<String, String> operations,
      Acknowledgements acknowledgements) {
    List<SchemaChange> changes = SchemaDiff.diff(oldSdl, newSdl);
    OperationUsage usage = OperationUsage.analyse(oldSdl, operations);
    List<CheckReport.Finding> findings =
        changes.stream()
            .map(
                c -> {
                  Acknowledgements.Entry ack =
                      c.severity() == Severity.BREAKING ? acknowledgements.find(c) : null;
                  List<String> ops = c.severity() == Severity.SAFE ? List.of() : usage.affected(c);
                  return new CheckReport.Finding(c, ops, ack == null ? null : ack.reason());
                })
            .toList();
    return new CheckReport(findings, usage.invalid());
  }
}
