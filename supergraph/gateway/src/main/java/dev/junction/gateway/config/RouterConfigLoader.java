package dev.junction.gateway.config;

import dev.junction.gateway.resilience.TrafficShaping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads {@code router.yaml}. Unknown keys and bad values fail with a {@link ConfigException} whose
 * message names the full key path; {@code ${env.NAME}} and {@code ${env.NAME:-default}} are
 * expanded in every string value.
 */
public final class RouterConfigLoader {
  private static final Set<String> ROOT_KEYS =
      Set.of(
          "server",
          "supergraph",
          "subgraphs",
          "headers",
          "cors",
          "introspection",
          "plan_inspection",
          "subgraph_timeout",
          "traffic_shaping",
          "persisted_queries",
          "limits",
          "csrf",
          "include_subgraph_errors",
          "rate_limit",
          "authentication",
          "authorization",
          "demand_control",
          "subgraph_auth",
          "subscription");
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(RouterConfigLoader.class);

  private final Function<String, String> env;

  /**
   * @param env environment lookup (returns null for an unset variable), {@code System::getenv} in
   *     production
   */
  public RouterConfigLoader(Function<String, String> env) {
    this.env = env;
  }

  /** A loader reading the process environment. */
  public static RouterConfigLoader withSystemEnv() {
    return new RouterConfigLoader(System::getenv);
  }

  /** Loads a file; relative paths inside resolve against its directory. */
  public RouterConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + describe(e));
    }
    Path dir = file.toAbsolutePath().getParent();
    return parse(text, String.valueOf(file.getFileName()), dir);
  }

  /**
   * Parses YAML text.
   *
   * @param source the name used in messages, such as {@code router.yaml}
   * @param baseDir directory relative paths resolve against, or null for the working directory
   */
  public RouterConfig parse(String yamlText, String source, Path baseDir) {
    Object document = readYaml(yamlText, source);
    ConfigNode root =
        new ConfigNode("", document, new ConfigNode.Context(source, new EnvExpander(env)));
    ConfigNode.Mapping m = root.mapping(ROOT_KEYS);
    ServerConfig server = ServerConfig.from(m.get("server"));
    SupergraphConfig supergraph = SupergraphConfig.from(m.get("supergraph"), baseDir);
    SubgraphsConfig subgraphs = SubgraphsConfig.from(m.get("subgraphs"));
    HeadersConfig headers = HeadersConfig.from(m.get("headers"));
    CorsConfig cors = CorsConfig.from(m.get("cors"));
    boolean introspection = m.get("introspection").bool(true);
    boolean planInspection = m.get("plan_inspection").bool(false);
    ConfigNode timeoutNode = m.get("subgraph_timeout");
    Duration timeout = timeoutNode.duration(RouterConfig.DEFAULT_SUBGRAPH_TIMEOUT);
    if (timeout.isZero()) {
      throw timeoutNode.bad("must be greater than 0");
    }
    TrafficShaping shaping = TrafficShapingConfig.from(m.get("traffic_shaping"));
    TrafficShapingConfig.warnings(shaping).forEach(w -> log.warn("{}: {}", source, w));
    PersistedQueriesConfig persisted =
        PersistedQueriesConfig.from(m.get("persisted_queries"), baseDir);
    RateLimitConfig rateLimit = RateLimitConfig.from(m.get("rate_limit"));
    AuthenticationConfig authentication =
        AuthenticationConfig.from(m.get("authentication"), baseDir);
    if (rateLimit.enabled()
        && rateLimit.key() == RateLimitConfig.Key.CLAIM
        && !authentication.enabled()) {
      throw new ConfigException(
          "rate_limit.key: 'claim' needs authentication.enabled: true (without verified tokens"
              + " every request would be keyed by IP)");
    }
    return new RouterConfig(
        server,
        supergraph,
        subgraphs,
        headers,
        cors,
        introspection,
        planInspection,
        timeout,
        shaping,
        persisted,
        LimitsConfig.from(m.get("limits")),
        CsrfConfig.from(m.get("csrf")),
        SubgraphErrorsConfig.from(m.get("include_subgraph_errors")),
        rateLimit,
        authentication,
        AuthorizationConfig.from(m.get("authorization")),
        DemandControlSection.from(m.get("demand_control")),
        SubgraphAuthConfig.from(m.get("subgraph_auth")),
        SubscriptionConfig.from(m.get("subscription")));
  }

  private static Object readYaml(String text, String source) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(50);
    options.setCodePointLimit(1024 * 1024);
    Yaml yaml =
        new Yaml(
            new SafeConstructor(options),
            new Representer(new org.yaml.snakeyaml.DumperOptions()),
            new org.yaml.snakeyaml.DumperOptions(),
            options,
            new StringsOnlyResolver());
    try {
      Object document = yaml.load(text);
      if (document != null && !(document instanceof Map)) {
        throw new ConfigException(source + ": expected a mapping of settings at the top level");
      }
      return document;
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark();
      String where =
          mark == null
              ? ""
              : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1);
      throw new ConfigException(
          source + ": invalid YAML" + where + ": " + oneLine(e.getProblem()), e);
    } catch (YAMLException e) {
      throw new ConfigException(source + ": invalid YAML: " + oneLine(e.getMessage()), e);
    }
  }

  private static String oneLine(String s) {
    return s == null ? "syntax error" : s.replaceAll("\\s+", " ").trim();
  }

  private static String describe(IOException e) {
    if (e instanceof java.nio.file.NoSuchFileException) {
      return "no such file";
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  /**
   * Leaves every plain scalar a string (no YAML 1.1 booleans such as {@code yes} or {@code on}, no
   * numbers or timestamps): the config reader converts values itself, after env expansion.
   */
  private static final class StringsOnlyResolver extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.MERGE, MERGE, "<", 10);
      addImplicitResolver(Tag.NULL, NULL, "~nN\0", 10);
      addImplicitResolver(Tag.NULL, EMPTY, null, 10);
      addImplicitResolver(Tag.YAML, YAML, "!&*", 10);
    }
  }
}
