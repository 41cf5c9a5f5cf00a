package dev.junction.composition.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Acknowledged breaking changes ({@code supergraph/schema-acknowledgements.yaml}):
 *
 * <pre>
 * acknowledgements:
 *   - rule: FIELD_REMOVED
 *     coordinate: Product.legacyCode
 *     reason: "No client has used it since 2026-01; see ADR 12."
 * </pre>
 *
 * @param entries the entries
 */
public record Acknowledgements(List<Entry> entries) {

  /**
   * One acknowledgement.
   *
   * @param rule the change rule, e.g. {@code FIELD_REMOVED}
   * @param coordinate the schema coordinate
   * @param reason why the break is acceptable (required)
   */
  public record Entry(String rule, String coordinate, String reason) {}

  /** No acknowledgements. */
  public static Acknowledgements none() {
    return new Acknowledgements(List.of());
  }

  /** Parses the YAML; malformed entries raise {@link IllegalArgumentException}. */
  public static Acknowledgements parse(String yaml) {
    Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (root == null) {
      return none();
    }
    if (!(root instanceof Map<?, ?> map)) {
      throw new IllegalArgumentException("expected a map with an 'acknowledgements' list");
    }
    Object list = map.get("acknowledgements");
    if (list == null) {
      return none();
    }
    if (!(list instanceof List<?> items)) {
      throw new IllegalArgumentException("'acknowledgements' must be a list");
    }
    List<Entry> entries = new ArrayList<>();
    for (Object item : items) {
      if (!(item instanceof Map<?, ?> e)
          || !(e.get("rule") instanceof String rule)
          || !(e.get("coordinate") instanceof String coordinate)) {
        throw new IllegalArgumentException(
            "each acknowledgement needs 'rule' and 'coordinate' strings: " + item);
      }
      Object reason = e.get("reason");
      if (!(reason instanceof String r) || r.isBlank()) {
        throw new IllegalArgumentException(
            "acknowledgement of " + rule + " " + coordinate + " needs a non-empty 'reason'");
      }
      entries.add(new Entry(rule, coordinate, r.strip()));
    }
    return new Acknowledgements(List.copyOf(entries));
  }

  /** The entry acknowledging a change, or {@code null}. */
  public Entry find(SchemaChange change) {
    return entries.stream()
        .filter(e -> e.rule().equals(change.rule()) && e.coordinate().equals(change.coordinate()))
        .findFirst()
        .orElse(null);
  }
}
