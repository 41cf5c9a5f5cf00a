package dev.junction.composition.check;

/**
 * One difference between two API schemas.
 *
 * @param rule the rule that classified it, e.g. {@code FIELD_REMOVED}
 * @param severity breaking, dangerous or safe
 * @param coordinate the schema coordinate: {@code Type}, {@code Type.field}, {@code
 *     Type.field(arg:)} or {@code Enum.VALUE}
 * @param message what changed
 */
public record SchemaChange(String rule, Severity severity, String coordinate, String message) {}
