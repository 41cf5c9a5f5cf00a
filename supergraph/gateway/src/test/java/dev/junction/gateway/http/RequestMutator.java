package dev.junction.gateway.http;

import dev.junction.gateway.http.FuzzJson.RawJson;
import dev.junction.gateway.http.OperationGenerator.Operation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns a valid operation into one HTTP request, mutated by one {@link Kind}: broken documents,
 * broken JSON, wrong variables, batches, GET query strings, content types, headers, bearer tokens,
 * or a subgraph told to fail.
 */
final class RequestMutator {
  /** What is done to the valid request. */
  enum Kind {
    NONE,
    QUERY_CHAR_FLIP,
    BODY_BYTE_FLIP,
    TRUNCATE,
    BRACES,
    HUGE_NUMBER,
    UNICODE,
    NUL_BYTES,
    DEEP_NESTING,
    BAD_JSON,
    WRONG_VARIABLE_TYPES,
    BATCH,
    GET,
    CONTENT_TYPE,
    HEADERS,
    BEARER,
    STUB_FAILURE
  }

  /** One request to send. {@code raw}: over a plain socket (the JDK client refuses it). */
  record FuzzRequest(
      Kind kind,
      String method,
      String target,
      List<String[]> headers,
      byte[] body,
      boolean raw,
      FuzzStub.Mode stub) {
    String describe() {
      String text = new String(body, StandardCharsets.UTF_8);
      StringBuilder h = new StringBuilder();
      headers.forEach(kv -> h.append(kv[0]).append(": ").append(kv[1]).append("; "));
      return kind
          + " "
          + method
          + " "
          + abbreviate(target)
          + (raw ? " (raw)" : "")
          + " stub="
          + stub
          + " headers=["
          + abbreviate(h.toString())
          + "] body="
          + abbreviate(text);
    }

    private static String abbreviate(String s) {
      return s.length() > 600 ? s.substring(0, 600) + "...(" + s.length() + " chars)" : s;
    }
  }

  private static final String[] ODD_CONTENT_TYPES = {
    null,
    "text/plain",
    "application/json; charset=iso-8859-1",
    "application/json; charset=utf-16",
    "application/graphql",
    "application/graphql-response+json",
    "APPLICATION/JSON",
    "application/json;;;",
    "application/jsonx",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "*/*",
    "application/json, text/html",
    "garbage",
    "",
    " ",
    "application/json; charset=\"utf-8\"; q=0.5",
  };

  private static final String[] ODD_ACCEPTS = {
    "text/html",
    "*/*",
    "application/graphql-response+json",
    "application/graphql-response+json;q=0.1, application/json;q=0.9",
    "text/event-stream",
    "multipart/mixed",
    "image/png",
    "application/json;q=0",
    ";;;,,,",
    "",
  };

  private final List<String> authorizations;

  /**
   * @param authorizations Authorization header values to try (valid, expired and forged tokens)
   */
  RequestMutator(List<String> authorizations) {
    this.authorizations = List.copyOf(authorizations);
  }

  /** A mutable request being built. */
  private static final class Draft {
    String query;
    String operationName;
    Object variables;
    String method = "POST";
    String path = "/graphql";
    String queryString;
    String contentType = "application/json";
    final List<String[]> headers = new ArrayList<>();
    byte[] body;
    boolean raw;
    FuzzStub.Mode stub = FuzzStub.Mode.OK;

    Draft(Operation op) {
      query = op.document();
      operationName = op.operationName();
      variables = op.variables().isEmpty() ? null : new LinkedHashMap<>(op.variables());
    }

    String json() {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("query", query);
      if (operationName != null) {
        body.put("operationName", operationName);
      }
      if (variables != null) {
        body.put("variables", variables);
      }
      return FuzzJson.write(body);
    }
  }

  FuzzRequest request(Operation op, Kind kind, Random random) {
    Draft d = new Draft(op);
    switch (kind) {
      case NONE -> {}
      case QUERY_CHAR_FLIP -> {
        StringBuilder q = new StringBuilder(d.query);
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n && q.length() > 0; i++) {
          q.setCharAt(random.nextInt(q.length()), (char) (32 + random.nextInt(95)));
        }
        d.query = q.toString();
      }
      case BODY_BYTE_FLIP -> {
        byte[] b = d.json().getBytes(StandardCharsets.UTF_8);
        int n = 1 + random.nextInt(4);
        for (int i = 0; i < n; i++) {
          b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
        }
        d.body = b;
      }
      case TRUNCATE -> {
        if (random.nextBoolean()) {
          d.query = d.query.substring(0, random.nextInt(d.query.length() + 1));
        } else {
          byte[] b = d.json().getBytes(StandardCharsets.UTF_8);
          d.body = java.util.Arrays.copyOf(b, random.nextInt(b.length + 1));
        }
      }
      case BRACES -> d.query = braces(d.query, random);
      case HUGE_NUMBER -> hugeNumber(d, random);
      case UNICODE -> d.query = insert(d.query, random, unicode(random));
      case NUL_BYTES -> {
        if (random.nextBoolean()) {
          d.query = insert(d.query, random, "\0");
        } else {
          byte[] b = d.json().getBytes(StandardCharsets.UTF_8);
          b[random.nextInt(b.length)] = 0;
          d.body = b;
        }
      }
      case DEEP_NESTING -> deepNesting(d, random);
      case BAD_JSON -> d.body = badJson(d, random).getBytes(StandardCharsets.UTF_8);
      case WRONG_VARIABLE_TYPES -> wrongVariables(d, op, random);
      case BATCH -> d.body = batch(d, random).getBytes(StandardCharsets.UTF_8);
      case GET -> get(d, random);
      case CONTENT_TYPE -> {
        d.contentType = ODD_CONTENT_TYPES[random.nextInt(ODD_CONTENT_TYPES.length)];
        if (random.nextBoolean()) {
          d.headers.add(new String[] {"apollo-require-preflight", "true"});
        }
      }
      case HEADERS -> headers(d, random);
      case BEARER -> d.headers.add(new String[] {"authorization", authorization(random)});
      case STUB_FAILURE -> {
        FuzzStub.Mode[] modes = FuzzStub.Mode.values();
        d.stub = modes[1 + random.nextInt(modes.length - 1)];
      }
    }
    if (d.method.equals("POST") && d.body == null) {
      d.body = d.json().getBytes(StandardCharsets.UTF_8);
    }
    List<String[]> headers = new ArrayList<>();
    if (d.contentType != null && d.method.equals("POST")) {
      headers.add(new String[] {"content-type", d.contentType});
    }
    headers.addAll(d.headers);
    String target = d.queryString == null ? d.path : d.path + "?" + d.queryString;
    return new FuzzRequest(
        kind, d.method, target, headers, d.body == null ? new byte[0] : d.body, d.raw, d.stub);
  }

  private static String insert(String s, Random random, String what) {
    int at = random.nextInt(s.length() + 1);
    return s.substring(0, at) + what + s.substring(at);
  }

  private static String braces(String query, Random random) {
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < query.length(); i++) {
      if ("{}()[]".indexOf(query.charAt(i)) >= 0) {
        positions.add(i);
      }
    }
    if (positions.isEmpty()) {
      return query + "}";
    }
    int at = positions.get(random.nextInt(positions.size()));
    char c = query.charAt(at);
    return switch (random.nextInt(3)) {
      case 0 -> query.substring(0, at) + query.substring(at + 1);
      case 1 -> query.substring(0, at) + c + c + query.substring(at);
      default ->
          query.substring(0, at)
              + String.valueOf(c).repeat(2 + random.nextInt(50))
              + query.substring(at);
    };
  }

  private static final String[] HUGE = {
    "99999999999999999999999999999",
    "-99999999999999999999999999999",
    "1e400",
    "-1e400",
    "1.7976931348623157E309",
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "0.0000000000000000000000000000000000000001",
    "1" + "0".repeat(5000),
    "-0",
    "00012",
  };

  private static void hugeNumber(Draft d, Random random) {
    String huge = HUGE[random.nextInt(HUGE.length)];
    if (d.variables instanceof Map<?, ?> vars && !vars.isEmpty() && random.nextBoolean()) {
      @SuppressWarnings("unchecked")
      Map<String, Object> m = (Map<String, Object>) vars;
      String key = new ArrayList<>(m.keySet()).get(random.nextInt(m.size()));
      m.put(key, new RawJson(huge));
      return;
    }
    java.util.regex.Matcher number = java.util.regex.Pattern.compile("\\b\\d+\\b").matcher(d.query);
    if (number.find()) {
      d.query = d.query.substring(0, number.start()) + huge + d.query.substring(number.end());
    } else {
      d.query = "query($n: Int) { products(first: " + huge + ") { edges { cursor } } }";
    }
  }

  private static String unicode(Random random) {
    String[] odd = {
      "\uFEFF",
      "\u202E",
      "\u200B",
      "\u0301",
      "\uD83D\uDE00",
      "\uD800",
      "\uDFFF",
      "\uFFFF",
      "\u00E9",
      "\u4E2D",
      "\u0000",
      "\u001B[31m",
      "\u2028",
      "\u0085",
      "\uFFFD",
    };
    StringBuilder out = new StringBuilder();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      out.append(odd[random.nextInt(odd.length)]);
    }
    return out.toString();
  }

  private static void deepNesting(Draft d, Random random) {
    int depth = 20 + random.nextInt(random.nextBoolean() ? 200 : 5000);
    switch (random.nextInt(4)) {
      case 0 -> // selections
          d.query =
              "{ product(id: \"prod-001\") "
                  + "{ __typename ".repeat(depth)
                  + "}".repeat(depth)
                  + " }";
      case 1 -> // list literal
          d.query =
              "{ products(filter: {categories: "
                  + "[".repeat(depth)
                  + "\"a\""
                  + "]".repeat(depth)
                  + "}) { edges { cursor } } }";
      case 2 -> // variables
          d.variables = new RawJson("{\"v\":" + "[".repeat(depth) + "]".repeat(depth) + "}");
      default -> // the body itself
          d.body =
              ("{\"query\":\"{ __typename }\",\"extensions\":"
                      + "{\"a\":".repeat(depth)
                      + "1"
                      + "}".repeat(depth)
                      + "}")
                  .getBytes(StandardCharsets.UTF_8);
    }
  }

  private static String badJson(Draft d, Random random) {
    String json = d.json();
    String q = FuzzJson.string(d.query);
    String[] bad = {
      "",
      "{",
      "}",
      "null",
      "[]",
      "[[]]",
      "42",
      "\"" + d.query.replace("\"", "") + "\"",
      "true",
      "{\"query\":null}",
      "{\"query\":5}",
      "{\"query\":[" + q + "]}",
      "{\"query\":{}}",
      "{\"query\":" + q + ",\"variables\":\"notjson\"}",
      "{\"query\":" + q + ",\"variables\":[1,2]}",
      "{\"query\":" + q + ",\"variables\":5}",
      "{\"query\":" + q + ",\"operationName\":5}",
      "{\"query\":" + q + ",\"operationName\":\"Nope\"}",
      "{\"query\":" + q + ",\"extensions\":5}",
      "{\"query\":" + q + ",\"extensions\":{\"persistedQuery\":{\"version\":1,\"sha256Hash\":5}}}",
      "{\"query\":" + q + ",\"extensions\":{\"persistedQuery\":\"x\"}}",
      "{\"extensions\":{\"persistedQuery\":{\"version\":1,\"sha256Hash\":\"abc\"}}}",
      "{'query': '{ __typename }'}",
      "{query: \"{ __typename }\"}",
      json + "garbage",
      json + json,
      json.substring(0, json.length() - 1) + ",}",
      "/* c */" + json,
      "\uFEFF" + json,
      "{\"query\":" + q + ",\"query\":\"{ __typename }\"}",
      "{\"query\":\"\\ud800\"}",
      "{\"query\":\"\\u00\"}",
      "{\"query\":\"" + "\\".repeat(1 + random.nextInt(3)) + "\"}",
      "{\"query\":" + q + ",\"variables\":{\"" + "k".repeat(10_000) + "\":1}}",
      "{\"variables\":{}}",
      "{\"query\":\"\"}",
      "{\"query\":\"   \"}",
      "{\"query\":\"#only a comment\"}",
      "{\"query\":\"query { __typename } mutation { __typename }\"}",
    };
    return bad[random.nextInt(bad.length)];
  }

  private static void wrongVariables(Draft d, Operation op, Random random) {
    Object[] wrong = {
      "string",
      42,
      -1,
      3.5,
      true,
      null,
      List.of(),
      List.of(1, "a"),
      Map.of(),
      Map.of("nested", List.of(Map.of())),
      new RawJson("99999999999999999999999"),
      new RawJson("1e999"),
      "",
      "\0",
      new RawJson("[[[[[[[[[[]]]]]]]]]]"),
    };
    Map<String, Object> vars = new LinkedHashMap<>(op.variables());
    if (vars.isEmpty() || random.nextInt(5) == 0) {
      vars.put("undeclared" + random.nextInt(3), wrong[random.nextInt(wrong.length)]);
    }
    for (String key : new ArrayList<>(vars.keySet())) {
      if (random.nextInt(100) < 70) {
        vars.put(key, wrong[random.nextInt(wrong.length)]);
      }
    }
    d.variables = vars;
  }

  private static String batch(Draft d, Random random) {
    int n = random.nextInt(6);
    List<String> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(
          switch (random.nextInt(4)) {
            case 0 -> "null";
            case 1 -> "[]";
            case 2 -> "{\"query\":\"{ __typename }\"}";
            default -> d.json();
          });
    }
    return "[" + String.join(",", items) + "]";
  }

  private static void get(Draft d, Random random) {
    d.method = "GET";
    d.contentType = null;
    if (random.nextInt(100) < 60) {
      d.headers.add(new String[] {"apollo-require-preflight", "true"});
    }
    List<String> params = new ArrayList<>();
    params.add("query=" + enc(d.query));
    if (d.operationName != null) {
      params.add("operationName=" + enc(d.operationName));
    }
    if (d.variables != null) {
      params.add("variables=" + enc(FuzzJson.write(d.variables)));
    }
    switch (random.nextInt(14)) {
      case 0 -> {}
      case 1 -> params.remove(0);
      case 2 -> params.add("query=" + enc("{ __typename }"));
      case 3 -> {
        params.add("x=%zz");
        d.raw = true;
      }
      case 4 -> {
        params.add("query=%");
        d.raw = true;
      }
      case 5 -> {
        params.add("variables=%c3%28");
        d.raw = true;
      }
      case 6 -> params.add("variables=notjson");
      case 7 -> params.add("variables=" + enc("[1,2]"));
      case 8 -> params.add("extensions=" + enc("{\"persistedQuery\":{\"version\":1}}"));
      case 9 -> params.add("query=" + enc("{ __typename ".repeat(3000) + "}".repeat(3000)));
      case 10 -> params.add(";;&&==&=&query");
      case 11 -> {
        d.path = random.nextBoolean() ? "/graphql%2F" : "/graphql/%zz";
        d.raw = true;
      }
      case 12 -> {
        // braces, quotes and backslashes as they are; only what would break the request line is
        // escaped
        StringBuilder q = new StringBuilder();
        for (byte b : d.query.getBytes(StandardCharsets.UTF_8)) {
          int c = b & 0xff;
          q.append(
              c == ' '
                  ? "+"
                  : c <= 0x20 || c >= 0x7f ? String.format("%%%02X", c) : String.valueOf((char) c));
        }
        d.queryString = "query=" + q + "&%=%";
        d.raw = true;
        return;
      }
      default -> params.add("query=" + enc("mutation { __typename }"));
    }
    d.queryString = String.join("&", params);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private void headers(Draft d, Random random) {
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      switch (random.nextInt(9)) {
        case 0 ->
            d.headers.add(new String[] {"accept", ODD_ACCEPTS[random.nextInt(ODD_ACCEPTS.length)]});
        case 1 -> d.headers.add(new String[] {"x-forwarded-for", "999.1.1.1, ::ffff:, junk"});
        case 2 ->
            d.headers.add(new String[] {"x-request-id", "r".repeat(1 + random.nextInt(4000))});
        case 3 -> d.headers.add(new String[] {"apollographql-client-name", "\u00e9t\u00e9"});
        case 4 -> {
          for (int k = 0; k < 50; k++) {
            d.headers.add(new String[] {"x-dup", Integer.toString(k)});
          }
        }
        case 5 ->
            d.headers.add(
                new String[] {"origin", random.nextBoolean() ? "null" : "http://evil.test"});
        case 6 -> {
          d.headers.add(new String[] {"content-type", "text/plain"});
          d.raw = true; // two content types
        }
        case 7 -> {
          d.headers.add(new String[] {"x-weird", "tab\tand\u00ffbyte"});
          d.raw = true;
        }
        default -> d.headers.add(new String[] {"authorization", authorization(random)});
      }
    }
  }

  private String authorization(Random random) {
    int roll = random.nextInt(10);
    if (roll < 6) {
      return authorizations.get(random.nextInt(authorizations.size()));
    }
    StringBuilder junk = new StringBuilder();
    int n = random.nextInt(roll == 9 ? 9000 : 80);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";
    for (int i = 0; i < n; i++) {
      junk.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return (random.nextBoolean() ? "Bearer " : random.nextBoolean() ? "bearer " : "Basic ") + junk;
  }
}
