package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.execution.cost.DemandControlConfig;
import dev.junction.gateway.execution.cost.DemandControlConfig.Expose;
import dev.junction.gateway.execution.cost.DemandControlConfig.Mode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code demand_control:} section of {@code router.yaml}. */
class DemandControlConfigTest {
  private static RouterConfig parse(String yaml) {
    return new RouterConfigLoader(name -> null).parse(yaml, "router.yaml", null);
  }

  @Test
  void defaultsEnforceTenThousandWithListsOfTen() {
    DemandControlConfig d = parse("").demandControl();
    assertThat(d).isEqualTo(DemandControlConfig.defaults());
    assertThat(d)
        .isEqualTo(new DemandControlConfig(true, Mode.ENFORCE, 10_000, 10, Expose.ON_REQUEST));
    assertThat(parse("").toGatewayOptions().demandControl()).isEqualTo(d);
  }

  @Test
  void everyKeyIsRead() {
    DemandControlConfig d =
        parse(
                """
                demand_control:
                  enabled: false
                  mode: measure
                  max_cost: 5_000
                  list_size: 25
                  expose_cost: always
                """)
            .demandControl();
    assertThat(d).isEqualTo(new DemandControlConfig(false, Mode.MEASURE, 5000, 25, Expose.ALWAYS));
    assertThat(parse("demand_control: {expose_cost: never, mode: ENFORCE}").demandControl())
        .isEqualTo(new DemandControlConfig(true, Mode.ENFORCE, 10_000, 10, Expose.NEVER));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "demand_control: {max: 10}|unknown key 'demand_control.max' in router.yaml (expected one"
            + " of: enabled, expose_cost, list_size, max_cost, mode)",
        "demand_control: {listsize: 10}|unknown key 'demand_control.listsize' in router.yaml (did"
            + " you mean 'list_size'?)",
        "demand_control: {mode: reject}|demand_control.mode: expected enforce or measure, got"
            + " 'reject'",
        "demand_control: {expose_cost: yes}|demand_control.expose_cost: expected never,"
            + " on_request or always, got 'yes'",
        "demand_control: {max_cost: -1}|demand_control.max_cost: expected an integer between 0"
            + " and 1000000000000, got -1",
        "demand_control: {list_size: ten}|demand_control.list_size: expected an integer, got"
            + " 'ten'",
        "demand_control: {enabled: maybe}|demand_control.enabled: expected true or false, got"
            + " 'maybe'"
      })
  void badValuesNameTheirKey(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void theProductionProfileEnforcesAndHidesTheEstimate() {
    RouterConfig config =
        new RouterConfigLoader(name -> name.endsWith("_URL") ? "http://x.internal/graphql" : null)
            .load(Path.of("../../router-config/router.production.yaml"));
    assertThat(config.demandControl())
        .isEqualTo(new DemandControlConfig(true, Mode.ENFORCE, 10_000, 10, Expose.NEVER));
  }

  @Test
  void theBenchConfigLeavesRoomForTheGuildQuery() {
    RouterConfig config =
        new RouterConfigLoader(name -> null).load(Path.of("../../bench/router.yaml"));
    assertThat(config.demandControl().maxCost()).isEqualTo(50_000);
    assertThat(config.demandControl().enabled()).isTrue();
  }

  @Test
  void theCommittedRouterYamlSpellsOutTheDefaults() {
    RouterConfig config =
        new RouterConfigLoader(name -> null).load(Path.of("../../router-config/router.yaml"));
    assertThat(config.demandControl()).isEqualTo(DemandControlConfig.defaults());
  }
}
