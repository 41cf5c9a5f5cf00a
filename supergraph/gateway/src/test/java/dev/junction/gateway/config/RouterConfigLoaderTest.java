package dev.junction.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.execution.OperationLimits;
import dev.junction.gateway.headers.HeaderRule;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RouterConfigLoaderTest {
  private static final Path CONFIG_DIR = Path.of("src/test/resources/config");
  private static final Function<String, String> NO_ENV = name -> null;

  private static RouterConfig parse(String yaml) {
    return new RouterConfigLoader(NO_ENV).parse(yaml, "router.yaml", null);
  }

  private static RouterConfig parse(String yaml, Map<String, String> env) {
    return new RouterConfigLoader(env::get).parse(yaml, "router.yaml", null);
  }

  private static void assertError(String yaml, String message) {
    assertThatThrownBy(() -> parse(yaml)).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @ParameterizedTest
  @ValueSource(strings = {"empty.yaml", "comments-only.yaml"})
  void anEmptyFileMeansEveryDefault(String file) {
    RouterConfig config = new RouterConfigLoader(NO_ENV).load(CONFIG_DIR.resolve(file));

    assertThat(config).isEqualTo(RouterConfig.defaults());
    assertThat(config.server().host()).isEqualTo("0.0.0.0");
    assertThat(config.server().port()).isEqualTo(4000);
    assertThat(config.server().maxRequestBytes()).isEqualTo(2 * 1024 * 1024);
    assertThat(config.server().graphiql()).isTrue();
    assertThat(config.supergraph().path()).isNull();
    assertThat(config.subgraphs().routingUrls()).isEmpty();
    assertThat(config.headers().all()).isEmpty();
    assertThat(config.cors().enabled()).isFalse();
    assertThat(config.introspection()).isTrue();
    assertThat(config.planInspection()).isFalse();
    assertThat(config.subgraphTimeout()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void readsEveryKey() {
    RouterConfig config = new RouterConfigLoader(NO_ENV).load(CONFIG_DIR.resolve("full.yaml"));

    assertThat(config.server()).isEqualTo(new ServerConfig("127.0.0.1", 4100, 1000, false));
    assertThat(config.supergraph().path())
        .isEqualTo(CONFIG_DIR.toAbsolutePath().resolve("supergraphs/test.graphql").normalize());
    assertThat(config.subgraphs().routingUrls())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "products", "http://products.internal:8080/graphql",
                "reviews", "https://reviews.example.com/graphql"));
    List<HeaderRule> all = config.headers().all();
    assertThat(all).hasSize(6);
    assertThat(all.get(0)).isEqualTo(new HeaderRule.Propagate("authorization", null, null));
    assertThat(all.get(1)).isEqualTo(new HeaderRule.Propagate("x-tenant", "x-tenant-id", "public"));
    assertThat(((HeaderRule.PropagateMatching) all.get(2)).matching().pattern())
        .isEqualTo("^x-trace-");
    assertThat(all.get(3)).isEqualTo(new HeaderRule.Insert("x-gateway", "junction"));
    assertThat(all.get(4)).isEqualTo(new HeaderRule.Remove("x-trace-debug"));
    assertThat(((HeaderRule.RemoveMatching) all.get(5)).matching().pattern()).isEqualTo("secret");
    assertThat(config.headers().subgraphs())
        .containsOnlyKeys("reviews")
        .containsEntry("reviews", List.of(new HeaderRule.Propagate("x-locale", null, null)));
    assertThat(config.cors())
        .isEqualTo(
            new CorsConfig(
                List.of("http://localhost:3000", "https://app.example.com"),
                true,
                List.of("GET", "POST"),
                List.of("content-type", "authorization"),
                Duration.ofSeconds(90)));
    assertThat(config.introspection()).isFalse();
    assertThat(config.planInspection()).isTrue();
    assertThat(config.subgraphTimeout()).isEqualTo(Duration.ofMillis(2500));
  }

  @Test
  void theShippedRouterYamlLoads() {
    Path shipped = Path.of("../../router-config/router.yaml");
    RouterConfig config = new RouterConfigLoader(NO_ENV).load(shipped);

    assertThat(config.server().port()).isEqualTo(4000);
    assertThat(config.subgraphs().routingUrls())
        .containsEntry("accounts", "http://localhost:4001/graphql")
        .hasSize(6);
    assertThat(config.headers().all()).isNotEmpty();
    assertThat(config.cors().allows("http://localhost:3000")).isTrue();
    assertThat(config.supergraph().path()).isNotNull();
  }

  @Test
  void expandsEnvironmentVariablesWithAndWithoutDefaults() {
    RouterConfig config =
        new RouterConfigLoader(Map.of("PORT", "5000", "PRODUCTS_HOST", "products:81")::get)
            .load(CONFIG_DIR.resolve("env.yaml"));

    assertThat(config.server().host()).isEqualTo("0.0.0.0");
    assertThat(config.server().port()).isEqualTo(5000);
    assertThat(config.subgraphs().routingUrls())
        .containsEntry("products", "http://products:81/graphql");
    assertThat(config.headers().all()).containsExactly(new HeaderRule.Insert("x-api-key", ""));
  }

  @Test
  void anEmptyVariableTakesTheDefaultLikeAShell() {
    RouterConfig config =
        parse("server:\n  listen: ${env.LISTEN:-127.0.0.1:4001}\n", Map.of("LISTEN", ""));

    assertThat(config.server().port()).isEqualTo(4001);
  }

  @Test
  void expandedValuesAreTypedAfterExpansion() {
    RouterConfig config =
        parse(
            "introspection: ${env.INTROSPECTION}\nsubgraph_timeout: ${env.TIMEOUT}\n",
            Map.of("INTROSPECTION", "false", "TIMEOUT", "5s"));

    assertThat(config.introspection()).isFalse();
    assertThat(config.subgraphTimeout()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void aMissingVariableWithoutDefaultIsAnErrorNamingIt() {
    assertThatThrownBy(() -> new RouterConfigLoader(NO_ENV).load(CONFIG_DIR.resolve("env.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "subgraphs.products.routing_url: environment variable 'PRODUCTS_HOST' is not set"
                + " (write ${env.PRODUCTS_HOST:-default} to give a default)");
  }

  @Test
  void anUnsupportedExpansionIsAnError() {
    assertError(
        "server:\n  listen: ${HOST}:4000\n",
        "server.listen: unsupported expansion '${HOST}' (expected ${env.NAME} or"
            + " ${env.NAME:-default})");
    assertError(
        "introspection: ${env.X\n",
        "introspection: unterminated '${' in '${env.X' (expected ${env.NAME})");
  }

  @Test
  void unknownKeysNameTheFullPathAndSuggestTheClosestKey() {
    assertError(
        "headers:\n  all:\n    propagte:\n      - named: a\n",
        "unknown key 'headers.all.propagte' in router.yaml (did you mean 'propagate'?)");
    assertError(
        "introspectoin: true\n",
        "unknown key 'introspectoin' in router.yaml (did you mean 'introspection'?)");
    assertError(
        "cors:\n  max-age: 10s\n",
        "unknown key 'cors.max-age' in router.yaml (did you mean 'max_age'?)");
    assertError(
        "headers:\n  subgraphs:\n    products:\n      propagate:\n        - nmaed: a\n",
        "unknown key 'headers.subgraphs.products.propagate[0].nmaed' in router.yaml"
            + " (did you mean 'named'?)");
    assertError(
        "subgraphs:\n  products:\n    url: http://x/graphql\n",
        "unknown key 'subgraphs.products.url' in router.yaml (expected one of: routing_url)");
  }

  @Test
  void limitsAreReadWithDefaultsForMissingKeysAndUnknownKeysNamed() {
    RouterConfig config = parse("limits:\n  max_depth: 7\n  max_height: 50\n  max_tokens: 900\n");
    assertThat(config.limits())
        .isEqualTo(
            new OperationLimits(
                7,
                50,
                OperationLimits.DEFAULT_MAX_ALIASES,
                OperationLimits.DEFAULT_MAX_ROOT_FIELDS,
                OperationLimits.DEFAULT_MAX_DIRECTIVES,
                900,
                OperationLimits.DEFAULT_MAX_RECURSION));
    assertThat(parse("").limits()).isEqualTo(OperationLimits.DEFAULTS);
    assertThat(OperationLimits.DEFAULTS)
        .isEqualTo(new OperationLimits(100, 1000, 200, 100, 200, 15_000, 500));
    assertError(
        "limits:\n  max_deph: 3\n",
        "unknown key 'limits.max_deph' in router.yaml (did you mean 'max_depth'?)");
    assertThatThrownBy(() -> parse("limits:\n  max_depth: 0\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("limits.max_depth");
  }

  @Test
  void anUnknownKeyFarFromEveryKnownOneListsTheChoices() {
    assertError(
        "server:\n  tls: true\n",
        "unknown key 'server.tls' in router.yaml (expected one of: graphiql, listen,"
            + " max_request_bytes)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "cors:\\n  max_age: ten|cors.max_age: expected a duration like 10s, got 'ten'",
        "subgraph_timeout: 30|subgraph_timeout: expected a duration like 10s, got '30'",
        "subgraph_timeout: 0s|subgraph_timeout: must be greater than 0",
        "introspection: yes|introspection: expected true or false, got 'yes'",
        "plan_inspection: 1|plan_inspection: expected true or false, got '1'",
        "server:\\n  listen: 4000|server.listen: expected host:port like 0.0.0.0:4000, got '4000'",
        "server:\\n  listen: localhost:99999|server.listen: expected host:port like 0.0.0.0:4000,"
            + " got 'localhost:99999'",
        "server:\\n  max_request_bytes: lots|server.max_request_bytes: expected an integer, got"
            + " 'lots'",
        "server:\\n  max_request_bytes: 0|server.max_request_bytes: expected an integer between 1"
            + " and 2147483647, got 0",
        "subgraphs:\\n  products:\\n    routing_url: products:4001|subgraphs.products.routing_url:"
            + " expected an http(s) URL like http://localhost:4001/graphql, got 'products:4001'",
        "cors:\\n  origins: http://a.com|cors.origins: expected a list, got 'http://a.com'",
        "cors:\\n  origins: [http://a.com/]|cors.origins[0]: expected an origin like"
            + " https://example.com or '*', got 'http://a.com/'",
        "cors:\\n  origins: ['*']\\n  allow_credentials: true|cors.allow_credentials: cannot be"
            + " true when origins contains '*'",
        "cors:\\n  methods: [GET, 'P OST']|cors.methods[1]: invalid method 'P OST'",
        "server: 4000|server: expected a mapping, got '4000'",
        "headers:\\n  all:\\n    propagate:\\n      named: a|headers.all.propagate: expected a list,"
            + " got a mapping",
      })
  void badValuesNameTheKeyPath(String yaml, String message) {
    assertError(yaml.replace("\\n", "\n"), message);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '"',
      value = {
        "propagate:\\n      - rename: b|headers.all.propagate[0]: give exactly one of 'named' or"
            + " 'matching'",
        "propagate:\\n      - named: a\\n        matching: b|headers.all.propagate[0]: give exactly"
            + " one of 'named' or 'matching'",
        "propagate:\\n      - matching: ^x-\\n        rename: y|headers.all.propagate[0].rename:"
            + " only allowed with 'named'",
        "propagate:\\n      - matching: '(x'|headers.all.propagate[0].matching: invalid regular"
            + " expression '(x': Unclosed group",
        "propagate:\\n      - named: content-type|headers.all.propagate[0].named: 'content-type'"
            + " is set by the gateway and cannot be propagated",
        "propagate:\\n      - named: 'bad name'|headers.all.propagate[0].named: invalid header name"
            + " 'bad name'",
        "insert:\\n      - name: Host\\n        value: x|headers.all.insert[0].name: 'Host' is set by"
            + " the gateway and cannot be inserted",
        "insert:\\n      - name: x-a|headers.all.insert[0].value: a value is required",
        "remove:\\n      - {}|headers.all.remove[0]: give exactly one of 'named' or 'matching'",
      })
  void badHeaderRulesNameTheRule(String rule, String message) {
    assertError("headers:\n  all:\n    " + rule.replace("\\n", "\n") + "\n", message);
  }

  @Test
  void invalidYamlReportsTheLine() {
    assertThatThrownBy(() -> parse("server:\n  listen: [a\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("router.yaml: invalid YAML at line 3");
  }

  @Test
  void duplicateKeysAreRejected() {
    assertThatThrownBy(() -> parse("introspection: true\nintrospection: false\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("invalid YAML")
        .hasMessageContaining("duplicate key introspection");
  }

  @Test
  void aTopLevelListIsRejected() {
    assertError("- a\n- b\n", "router.yaml: expected a mapping of settings at the top level");
  }

  @Test
  void aMissingFileIsOneClearLine() {
    assertThatThrownBy(() -> new RouterConfigLoader(NO_ENV).load(Path.of("no/such/router.yaml")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("cannot read config file no/such/router.yaml: no such file");
  }

  @Test
  void yamlOneOneBooleansAndNumbersStayStrings(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("router.yaml");
    Files.writeString(
        file,
        "headers:\n  all:\n    insert:\n      - name: x-flag\n        value: on\n"
            + "      - name: x-version\n        value: 1.10\n");

    RouterConfig config = new RouterConfigLoader(NO_ENV).load(file);

    assertThat(config.headers().all())
        .containsExactly(
            new HeaderRule.Insert("x-flag", "on"), new HeaderRule.Insert("x-version", "1.10"));
  }

  @Test
  void aSupergraphPathIsResolvedAgainstTheConfigDirectory(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("router.yaml");
    Files.writeString(file, "supergraph:\n  path: ../schemas/supergraph.graphql\n");

    RouterConfig config = new RouterConfigLoader(NO_ENV).load(file);

    assertThat(config.supergraph().path())
        .isEqualTo(dir.toAbsolutePath().getParent().resolve("schemas/supergraph.graphql"));
  }

  @Test
  void ipv6ListenAddressesUseBrackets() {
    ServerConfig server = parse("server:\n  listen: '[::1]:4010'\n").server();

    assertThat(server.host()).isEqualTo("::1");
    assertThat(server.port()).isEqualTo(4010);
  }

  @Test
  void corsWithAnyOriginAllowsEveryOriginWithoutCredentials() {
    CorsConfig cors = parse("cors:\n  origins: ['*']\n").cors();

    assertThat(cors.enabled()).isTrue();
    assertThat(cors.allowsAnyOrigin()).isTrue();
    assertThat(cors.allows("https://anything.example")).isTrue();
    assertThat(cors.methods()).containsExactly("GET", "POST", "OPTIONS");
    assertThat(cors.maxAge()).isNull();
  }
}
