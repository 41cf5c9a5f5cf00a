package dev.junction.gateway.config;

import dev.junction.gateway.execution.cost.DemandControlConfig;
import dev.junction.gateway.execution.cost.DemandControlConfig.Expose;
import dev.junction.gateway.execution.cost.DemandControlConfig.Mode;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code demand_control:} section: the static cost of operations from {@code @cost} and
 * {@code @listSize}. Every key is optional; the defaults are in {@link DemandControlConfig}.
 */
final class DemandControlSection {
  private static final Set<String> KEYS =
      Set.of("enabled", "mode", "max_cost", "list_size", "expose_cost");
  private static final long MAX = 1_000_000_000_000L;

  private DemandControlSection() {}

  static DemandControlConfig from(ConfigNode node) {
    ConfigNode.Mapping m = node.mapping(KEYS);
    DemandControlConfig d = DemandControlConfig.defaults();
    ConfigNode modeNode = m.get("mode");
    String modeText = modeNode.string("enforce").trim().toLowerCase(Locale.ROOT);
    Mode mode =
        switch (modeText) {
          case "enforce" -> Mode.ENFORCE;
          case "measure" -> Mode.MEASURE;
          default -> throw modeNode.bad("expected enforce or measure, got '" + modeText + "'");
        };
    ConfigNode exposeNode = m.get("expose_cost");
    String exposeText = exposeNode.string("on_request").trim().toLowerCase(Locale.ROOT);
    Expose expose =
        switch (exposeText) {
          case "never" -> Expose.NEVER;
          case "on_request" -> Expose.ON_REQUEST;
          case "always" -> Expose.ALWAYS;
          default ->
              throw exposeNode.bad(
                  "expected never, on_request or always, got '" + exposeText + "'");
        };
    return new DemandControlConfig(
        m.get("enabled").bool(d.enabled()),
        mode,
        m.get("max_cost").integer(d.maxCost(), 0, MAX),
        m.get("list_size").integer(d.listSize(), 0, 1_000_000),
        expose);
  }
}
