package dev.junction.gateway.http;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import dev.junction.gateway.Gateway;
import dev.junction.gateway.GatewayOptions;
import dev.junction.gateway.auth.JwtAuthenticator;
import dev.junction.gateway.auth.TestKeys;
import dev.junction.gateway.config.AuthenticationConfig;
import dev.junction.gateway.config.CorsConfig;
import dev.junction.gateway.config.CsrfConfig;
import dev.junction.gateway.config.RateLimitConfig;
import dev.junction.gateway.config.ServerConfig;
import dev.junction.gateway.http.OperationGenerator.Operation;
import dev.junction.gateway.http.RequestMutator.FuzzRequest;
import dev.junction.gateway.http.RequestMutator.Kind;
import dev.junction.planner.supergraph.Supergraph;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;

/**
 * Fuzzes the real gateway over HTTP (authentication on, stub subgraphs) with operations generated
 * from the supergraph and then mutated ({@link RequestMutator.Kind}). Every answer must be a
 * GraphQL body (JSON with {@code data} and/or {@code errors}, every error with a message and {@code
 * extensions.code}), never a 5xx unless the subgraph was told to fail, and never show a stack
 * trace, a Java class name or SQL; the gateway must stay healthy with bounded memory.
 *
 * <p>Tries: {@code -Djunction.fuzz.tries=N} (default 10,000). {@code -Djunction.fuzz.collect=true}
 * keeps going after a bad answer and lists every kind of problem, with one example each, in {@code
 * target/fuzz/summary.txt} (the run still fails). The summary also has the answers' statuses and
 * time per mutation kind.
 */
class GatewayFuzzTest {
  static final int DEFAULT_TRIES = 10_000;
  private static final ObjectMapper JSON = new ObjectMapper();

  static {
    JSON.getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(100_000).build());
  }

  private static final List<Pattern> LEAKS =
      List.of(
          Pattern.compile("Exception"),
          Pattern.compile("\\tat "),
          Pattern.compile("Caused by"),
          Pattern.compile("\\w\\.java:\\d+"),
          Pattern.compile(
              "\\b(java|javax|jdk|sun|com\\.sun|dev\\.junction|io\\.netty|reactor\\.(core|netty)"
                  + "|com\\.fasterxml|com\\.nimbusds|graphql\\.(execution|schema|language"
                  + "|validation|parser)|org\\.(springframework|postgresql|h2|slf4j|yaml)"
                  + "|com\\.acme)\\.[a-zA-Z]"),
          Pattern.compile("(?i)\\bselect\\b[^\"]{0,80}\\bfrom\\b"),
          Pattern.compile("(?i)\\binsert\\s+into\\b|\\bdelete\\s+from\\b|sqlstate|jdbc"));

  private static FuzzStub stub;
  private static Gateway gateway;
  private static JwtAuthenticator authenticator;
  private static GatewayHttpServer server;
  private static HttpClient client;
  private static RequestMutator mutator;
  private static OperationGenerator generator;
  private static final AtomicInteger requests = new AtomicInteger();
  private static final Map<String, LongAdder> statuses = new ConcurrentHashMap<>();
  private static final Map<String, LongAdder> TIME = new ConcurrentHashMap<>();
  private static final java.util.ArrayDeque<String> RECENT = new java.util.ArrayDeque<>();
  private static final Map<String, Integer> COLLECTED = new ConcurrentHashMap<>();
  private static final Map<String, String> EXAMPLES = new ConcurrentHashMap<>();

  @BeforeContainer
  static void start() throws Exception {
    stub = FuzzStub.start();
    String sdl = Files.readString(Path.of("../supergraph.graphql"));
    gateway = Gateway.create(sdl, stub.routeAll(sdl, GatewayOptions.builder()).build());
    Path dir = Files.createDirectories(Path.of("target", "fuzz"));
    TestKeys keys = new TestKeys();
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, keys.jwks());
    authenticator =
        new JwtAuthenticator(
            new AuthenticationConfig(
                true,
                "authorization",
                "Bearer",
                false,
                jwks,
                null,
                Duration.ofMinutes(5),
                Duration.ofSeconds(2),
                TestKeys.ISSUER,
                List.of(TestKeys.AUDIENCE),
                AuthenticationConfig.DEFAULT_ALGORITHMS,
                Duration.ofSeconds(60),
                8192),
            null,
            Clock.systemUTC());
    server =
        new GatewayHttpServer(
                gateway::execute,
                new ServerConfig("127.0.0.1", 0, ServerConfig.DEFAULT_MAX_REQUEST_BYTES, false),
                CorsConfig.disabled(),
                0,
                null,
                CsrfConfig.defaults(),
                RateLimitConfig.disabled(),
                authenticator)
            .start();
    client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    mutator = new RequestMutator(authorizations(keys));
    generator = new OperationGenerator(Supergraph.parse(sdl).apiSchema().schema());
  }

  @AfterContainer
  static void stop() {
    if (server != null) {
      server.shutdown(Duration.ofSeconds(1));
    }
    if (authenticator != null) {
      authenticator.close();
    }
    if (gateway != null) {
      gateway.close();
    }
    if (stub != null) {
      stub.close();
    }
  }

  /** Valid, expired, forged and malformed Authorization values. */
  private static List<String> authorizations(TestKeys keys) {
    Instant now = Instant.now();
    String valid = keys.rs256(TestKeys.claims(now).build());
    List<String> out = new ArrayList<>();
    out.add("Bearer " + valid);
    out.add("Bearer " + keys.sign(JWSAlgorithm.ES256, "ec", TestKeys.claims(now).build(), h -> h));
    out.add(
        "Bearer " + keys.sign(JWSAlgorithm.HS256, "hmac", TestKeys.claims(now).build(), h -> h));
    out.add("Bearer " + keys.sign(JWSAlgorithm.EdDSA, "ed", TestKeys.claims(now).build(), h -> h));
    out.add(
        "Bearer "
            + keys.rs256(
                TestKeys.claims(now.minusSeconds(7200))
                    .expirationTime(java.util.Date.from(now.minusSeconds(3600)))
                    .build()));
    out.add("Bearer " + keys.rs256(TestKeys.claims(now).audience("someone-else").build()));
    out.add("Bearer " + keys.rs256(TestKeys.claims(now).issuer("https://evil.test").build()));
    out.add(
        "Bearer "
            + keys.rs256(
                TestKeys.claims(now)
                    .notBeforeTime(java.util.Date.from(now.plusSeconds(900)))
                    .build()));
    out.add(
        "Bearer "
            + keys.sign(JWSAlgorithm.RS256, "unknown-kid", TestKeys.claims(now).build(), h -> h));
    out.add("Bearer " + new TestKeys("-other").rs256(TestKeys.claims(now).build()));
    out.add("Bearer " + valid.substring(0, valid.length() - 4) + "AAAA");
    out.add("Bearer " + valid.substring(0, valid.lastIndexOf('.') + 1));
    out.add(
        "Bearer "
            + TestKeys.b64("{\"alg\":\"none\"}")
            + "."
            + TestKeys.b64("{\"sub\":\"admin\"}")
            + ".");
    out.add("Bearer " + TestKeys.b64("{\"alg\":\"RS256\",\"kid\":\"rsa\"}") + ".e30.");
    out.add("Bearer " + TestKeys.b64("[]") + "." + TestKeys.b64("[]") + ".AAAA");
    out.add("Bearer " + TestKeys.b64("{\"alg\":5}") + ".x.y");
    out.add("bearer " + valid);
    out.add("Bearer  " + valid);
    out.add("Bearer");
    out.add("Bearer ");
    out.add("");
    out.add("Bearer a.b.c");
    out.add("Bearer ....");
    out.add("Bearer " + valid + " " + valid);
    out.add("Basic dXNlcjpwYXNz");
    return out;
  }

  @Provide
  Arbitrary<FuzzRequest> requests() {
    Arbitrary<Operation> operations = Arbitraries.randomValue(r -> generator.generate(r));
    Arbitrary<Kind> kinds =
        Arbitraries.frequency(
            Tuple.of(20, Kind.NONE),
            Tuple.of(5, Kind.QUERY_CHAR_FLIP),
            Tuple.of(5, Kind.BODY_BYTE_FLIP),
            Tuple.of(5, Kind.TRUNCATE),
            Tuple.of(5, Kind.BRACES),
            Tuple.of(5, Kind.HUGE_NUMBER),
            Tuple.of(5, Kind.UNICODE),
            Tuple.of(4, Kind.NUL_BYTES),
            Tuple.of(3, Kind.DEEP_NESTING),
            Tuple.of(6, Kind.BAD_JSON),
            Tuple.of(6, Kind.WRONG_VARIABLE_TYPES),
            Tuple.of(4, Kind.BATCH),
            Tuple.of(7, Kind.GET),
            Tuple.of(5, Kind.CONTENT_TYPE),
            Tuple.of(5, Kind.HEADERS),
            Tuple.of(6, Kind.BEARER),
            Tuple.of(5, Kind.STUB_FAILURE));
    Arbitrary<Long> seeds = Arbitraries.longs();
    return Combinators.combine(operations, kinds, seeds)
        .as((op, kind, seed) -> mutator.request(op, kind, new Random(seed)));
  }

  @AddLifecycleHook(RunChecks.class)
  @Property(edgeCases = EdgeCasesMode.NONE, tries = DEFAULT_TRIES)
  void everyRequestGetsAGraphQLAnswerWithoutInternals(@ForAll("requests") FuzzRequest request)
      throws Exception {
    stub.mode(request.stub());
    Answer answer;
    long sent = System.nanoTime();
    try {
      answer = send(request);
    } catch (IOException e) {
      if (Boolean.getBoolean("junction.fuzz.collect")) {
        COLLECTED.merge(request.kind() + ": no answer " + e, 1, Integer::sum);
        EXAMPLES.putIfAbsent(
            request.kind() + ": no answer " + e,
            request.describe() + "\nafter: " + String.join("\n", RECENT));
        return;
      }
      throw new AssertionError(
          "no answer ("
              + e
              + ")\nrequest: "
              + request.describe()
              + "\nafter: "
              + String.join("\n", RECENT),
          e);
    } finally {
      stub.mode(FuzzStub.Mode.OK);
    }
    int n = requests.incrementAndGet();
    TIME.computeIfAbsent(request.kind().toString(), k -> new LongAdder())
        .add((System.nanoTime() - sent) / 1000);
    RECENT.addLast(request.describe() + " -> " + answer.status());
    if (RECENT.size() > 4) {
      RECENT.removeFirst();
    }
    statuses
        .computeIfAbsent(request.kind() + " " + answer.status(), k -> new LongAdder())
        .increment();
    List<String> problems = check(request, answer);
    if (!problems.isEmpty() && Boolean.getBoolean("junction.fuzz.collect")) {
      COLLECTED.merge(request.kind() + ": " + problems, 1, Integer::sum);
      EXAMPLES.putIfAbsent(
          request.kind() + ": " + problems,
          request.describe()
              + "\n  -> "
              + answer.status()
              + " "
              + abbreviate(new String(answer.body(), StandardCharsets.UTF_8)));
    } else if (!problems.isEmpty()) {
      throw new AssertionError(
          String.join("; ", problems)
              + "\nrequest: "
              + request.describe()
              + "\nresponse: "
              + answer.status()
              + " "
              + abbreviate(new String(answer.body(), StandardCharsets.UTF_8)));
    }
    if (n % 1000 == 0) {
      Answer health = get("/health");
      if (health.status() != 200) {
        throw new AssertionError(
            "/health answered " + health.status() + " after " + n + " requests");
      }
    }
  }

  record Answer(int status, byte[] body) {}

  private static Answer send(FuzzRequest request) throws IOException, InterruptedException {
    if (!request.raw()) {
      try {
        HttpRequest.Builder builder =
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + request.target()))
                .timeout(Duration.ofSeconds(10));
        for (String[] kv : request.headers()) {
          builder.header(kv[0], kv[1]);
        }
        builder.method(
            request.method(),
            request.method().equals("GET")
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        HttpResponse<byte[]> response =
            client.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(), response.body());
      } catch (IllegalArgumentException refusedByTheClient) {
        // an invalid URI or header value: send it as is
      }
    }
    RawHttp.Response response =
        RawHttp.send(
            server.port(), request.method(), request.target(), request.headers(), request.body());
    return new Answer(response.status(), response.body());
  }

  private static Answer get(String path) throws IOException, InterruptedException {
    HttpResponse<byte[]> response =
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(10))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    return new Answer(response.statusCode(), response.body());
  }

  /** What is wrong with {@code answer}; empty when nothing is. */
  static List<String> check(FuzzRequest request, Answer answer) {
    List<String> problems = new ArrayList<>();
    if (answer.status() >= 500 && request.stub() == FuzzStub.Mode.OK) {
      problems.add("HTTP " + answer.status() + " with a healthy subgraph");
    }
    String text = new String(answer.body(), StandardCharsets.UTF_8);

    for (Pattern leak : LEAKS) {
      if (leak.matcher(text).find()) {
        problems.add("leaks internals (" + leak.pattern() + ")");
      }
    }
    JsonNode body;
    try {
      body = JSON.readTree(answer.body());
    } catch (IOException e) {
      problems.add("body is not JSON");
      return problems;
    }
    if (body == null || body.isMissingNode()) {
      problems.add("empty body");
      return problems;
    }
    if (body.isArray()) {
      if (body.isEmpty()) {
        problems.add("empty batch answer");
      }
      body.forEach(item -> checkGraphQLResponse(item, problems));
    } else {
      checkGraphQLResponse(body, problems);
    }
    return problems;
  }

  private static void checkGraphQLResponse(JsonNode body, List<String> problems) {
    if (!body.isObject() || (!body.has("data") && !body.has("errors"))) {
      problems.add("neither data nor errors");
      return;
    }
    JsonNode errors = body.get("errors");
    if (errors == null) {
      return;
    }
    if (!errors.isArray() || errors.isEmpty()) {
      problems.add("errors is not a non-empty list");
      return;
    }
    for (JsonNode error : errors) {
      if (!error.path("message").isTextual() || error.path("message").asText().isBlank()) {
        problems.add("an error without a message");
      }
      if (!error.path("extensions").path("code").isTextual()
          || error.path("extensions").path("code").asText().isBlank()) {
        problems.add("an error without extensions.code: " + abbreviate(error.toString()));
      }
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 800 ? s.substring(0, 800) + "...(" + s.length() + " chars)" : s;
  }

  /**
   * Sets the tries from {@code junction.fuzz.tries}, times the run, and after it checks that the
   * gateway still answers {@code /health} and a valid query, and that its heap did not grow without
   * bound.
   */
  static final class RunChecks implements AroundPropertyHook {
    @Override
    public PropertyExecutionResult aroundProperty(
        PropertyLifecycleContext context, PropertyExecutor property) throws Throwable {
      int tries = Integer.getInteger("junction.fuzz.tries", DEFAULT_TRIES);
      context.attributes().setTries(tries);
      System.out.println("fuzz: " + tries + " tries");
      long heapBefore = usedHeapAfterGc();
      long start = System.nanoTime();
      PropertyExecutionResult result = property.execute();
      long millis = (System.nanoTime() - start) / 1_000_000;
      long heapAfter = usedHeapAfterGc();
      StringBuilder summary = new StringBuilder();
      summary.append(
          String.format(
              "fuzz: %d requests (tries %d) in %d ms; heap %d -> %d MB; subgraph calls %d%n",
              requests.get(), tries, millis, heapBefore >> 20, heapAfter >> 20, stub.calls.get()));
      new java.util.TreeMap<>(statuses)
          .forEach((k, v) -> summary.append("  ").append(k).append(": ").append(v).append('\n'));
      new java.util.TreeMap<>(TIME)
          .forEach(
              (k, v) ->
                  summary
                      .append("  time ")
                      .append(k)
                      .append(": ")
                      .append(v.sum() / 1000)
                      .append(" ms\n"));
      COLLECTED.forEach(
          (k, v) ->
              summary
                  .append("PROBLEM x")
                  .append(v)
                  .append(' ')
                  .append(k)
                  .append("\n  ")
                  .append(EXAMPLES.get(k))
                  .append('\n'));
      System.out.print(summary);
      Files.createDirectories(Path.of("target", "fuzz"));
      Files.writeString(Path.of("target", "fuzz", "summary.txt"), summary);
      if (!COLLECTED.isEmpty()) {
        return result.mapToFailed(
            new AssertionError(
                COLLECTED.size() + " kinds of problem, see target/fuzz/summary.txt"));
      }
      if (result.status() != PropertyExecutionResult.Status.SUCCESSFUL) {
        return result;
      }
      List<String> problems = new ArrayList<>();
      Answer health = get("/health");
      if (health.status() != 200) {
        problems.add("/health answered " + health.status());
      }
      Answer ok =
          send(
              mutator.request(
                  new Operation("{ product(id: \"prod-001\") { name } }", null, Map.of()),
                  Kind.NONE,
                  new Random(1)));
      if (ok.status() != 200
          || !JSON.readTree(ok.body()).at("/data/product/name").asText().equals("Lamp")) {
        problems.add(
            "a valid query after the run answered "
                + ok.status()
                + " "
                + new String(ok.body(), StandardCharsets.UTF_8));
      }
      if (heapAfter - heapBefore > 128L << 20) {
        problems.add("heap grew by " + ((heapAfter - heapBefore) >> 20) + " MB");
      }
      if (requests.get() < tries) {
        problems.add("only " + requests.get() + " of " + tries + " requests ran");
      }
      return problems.isEmpty()
          ? result
          : result.mapToFailed(new AssertionError(String.join("; ", problems)));
    }

    private static long usedHeapAfterGc() {
      Runtime runtime = Runtime.getRuntime();
      System.gc();
      return runtime.totalMemory() - runtime.freeMemory();
    }
  }
}
