package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.Identity;
import dev.junction.gateway.authorization.AuthorizationSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The authorization section: defaults, every key, claim policies, and errors naming the key. */
class AuthorizationConfigTest {

  private static RouterConfig parse(String yaml) {
    return new RouterConfigLoader(name -> null).parse(yaml, "router.yaml", null);
  }

  @Test
  void defaultsEnforceAndRemoveWithScopesFromScopeAndScp() {
    AuthorizationConfig config = parse("").authorization();
    assertThat(config).isEqualTo(AuthorizationConfig.defaults());
    AuthorizationSettings settings = config.toSettings();
    assertThat(settings.enabled()).isTrue();
    assertThat(settings.rejectUnauthorized()).isFalse();
    assertThat(settings.scopeClaims()).containsExactly("scope", "scp");
    assertThat(settings.policies().allows("anything", new Identity("t", Map.of("sub", "x"))))
        .isFalse();
    assertThat(parse("").toGatewayOptions().authorization().enabled()).isTrue();
  }

  @Test
  void everyKeyIsReadAndClaimPoliciesDecide() {
    AuthorizationConfig config =
        parse(
                """
                authorization:
                  enabled: true
                  reject_unauthorized: true
                  scope_claims: [permissions]
                  policies:
                    support:
                      claim: role
                      values: [support, admin]
                    staff:
                      claim: groups
                      value: staff
                """)
            .authorization();
    assertThat(config.rejectUnauthorized()).isTrue();
    assertThat(config.scopeClaims()).containsExactly("permissions");
    var policies = config.toSettings().policies();
    assertThat(policies.allows("support", new Identity("t", Map.of("role", "admin")))).isTrue();
    assertThat(policies.allows("support", new Identity("t", Map.of("role", "user")))).isFalse();
    assertThat(policies.allows("staff", new Identity("t", Map.of("groups", List.of("a", "staff")))))
        .isTrue();
    assertThat(policies.allows("staff", new Identity("t", Map.of("groups", "a staff")))).isTrue();
    assertThat(policies.allows("staff", Identity.ANONYMOUS)).isFalse();
    assertThat(policies.allows("unknown", new Identity("t", Map.of("role", "admin")))).isFalse();
  }

  @Test
  void unknownKeysAndMissingValuesAreErrorsNamingTheKey() {
    assertThatThrownBy(() -> parse("authorization:\n  reject_unauthorised: true\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("authorization.reject_unauthorised");
    assertThatThrownBy(
            () -> parse("authorization:\n  policies:\n    p:\n      claim: role\n      valus: a\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("authorization.policies.p.valus");
    assertThatThrownBy(() -> parse("authorization:\n  policies:\n    p:\n      claim: role\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("authorization.policies.p");
    assertThatThrownBy(() -> parse("authorization:\n  enabled: maybe\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("authorization.enabled");
  }
}
