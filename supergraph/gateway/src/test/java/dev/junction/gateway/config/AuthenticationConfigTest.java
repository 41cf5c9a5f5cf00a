package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.headers.HeaderRule;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AuthenticationConfigTest {
  private static RouterConfig parse(String yaml) {
    return new RouterConfigLoader(name -> null).parse(yaml, "router.yaml", null);
  }

  @Test
  void offWithoutAJwksAndOnWithOne() {
    assertThat(parse("").authentication()).isEqualTo(AuthenticationConfig.disabled());
    assertThat(parse("authentication:\n  jwks:\n    file: ''\n").authentication().enabled())
        .isFalse();
    AuthenticationConfig c =
        parse(
                "authentication:\n  jwks:\n    url: https://id.example/jwks\n    refresh_interval: 1m\n"
                    + "  issuer: https://id.example\n  audiences: [a, b]\n  require_authentication: true\n"
                    + "  clock_skew: 5s\n")
            .authentication();
    assertThat(c.enabled()).isTrue();
    assertThat(c.jwksUrl()).hasToString("https://id.example/jwks");
    assertThat(c.jwksRefreshInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(c.audiences()).containsExactly("a", "b");
    assertThat(c.requireAuthentication()).isTrue();
    assertThat(c.clockSkew()).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.headerName()).isEqualTo("authorization");
  }

  @Test
  void unknownKeysAndBadValuesAreErrorsNamingTheKey() {
    assertThatThrownBy(() -> parse("authentication:\n  isuer: x\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown key 'authentication.isuer'")
        .hasMessageContaining("did you mean 'issuer'");
    assertThatThrownBy(() -> parse("authentication:\n  jwks:\n    fil: x\n"))
        .hasMessageContaining("unknown key 'authentication.jwks.fil'");
    assertThatThrownBy(() -> parse("authentication:\n  enabled: true\n"))
        .hasMessageContaining("authentication.enabled: authentication needs jwks.file or jwks.url");
    assertThatThrownBy(
            () -> parse("authentication:\n  jwks:\n    file: j.json\n  algorithms: [none]\n"))
        .hasMessageContaining("authentication.algorithms[0]: 'none' is never accepted");
    assertThatThrownBy(() -> parse("authentication:\n  jwks:\n    url: ftp://x/jwks\n"))
        .hasMessageContaining("authentication.jwks.url: expected an http or https URL");
  }

  @Test
  void theVerifiedTokenCacheIsConfigurable() {
    AuthenticationConfig d = parse("authentication:\n  jwks:\n    file: j.json\n").authentication();
    assertThat(d.cacheMaxEntries()).isEqualTo(50_000);
    assertThat(d.cacheTtl()).isEqualTo(Duration.ofSeconds(60));
    AuthenticationConfig c =
        parse(
                "authentication:\n  jwks:\n    file: j.json\n  cache:\n    max_entries: 0\n"
                    + "    ttl: 5m\n")
            .authentication();
    assertThat(c.cacheMaxEntries()).isZero();
    assertThat(c.cacheTtl()).isEqualTo(Duration.ofMinutes(5));
    assertThatThrownBy(() -> parse("authentication:\n  cache:\n    size: 5\n"))
        .hasMessageContaining("unknown key 'authentication.cache.size'");
    assertThatThrownBy(() -> parse("authentication:\n  cache:\n    ttl: 2h\n"))
        .hasMessageContaining("authentication.cache.ttl: must be at most 1h");
    assertThatThrownBy(() -> parse("authentication:\n  cache:\n    max_entries: -1\n"))
        .hasMessageContaining("authentication.cache.max_entries");
  }

  @Test
  void aClaimRuleSendsAClaimAsAHeader() {
    RouterConfig c =
        parse("headers:\n  all:\n    propagate:\n      - claim: sub\n        rename: x-user-id\n");
    assertThat(c.headers().all())
        .containsExactly(new HeaderRule.PropagateClaim("sub", "x-user-id", null));
    assertThatThrownBy(() -> parse("headers:\n  all:\n    propagate:\n      - claim: sub\n"))
        .hasMessageContaining("rename");
  }
}
