package dev.junction.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.web.reactive.server.EntityExchangeResult;

/**
 * Malformed requests straight to a DGS subgraph (no gateway in front): whatever DGS, Spring or the
 * database make of them, no answer shows a stack trace, a Java class name or SQL.
 */
class CatalogMalformedRequestHttpTest extends CatalogIntegrationTest {
  private static final List<Pattern> LEAKS =
      List.of(
          Pattern.compile("Exception"),
          Pattern.compile("\\tat |\\bat [a-z]+\\.[a-z]+\\.[\\w.$]+\\("),
          Pattern.compile("Caused by"),
          Pattern.compile("\\w\\.java:\\d+"),
          Pattern.compile(
              "\\b(java|javax|jdk|sun|dev\\.junction|io\\.netty|reactor\\.(core|netty)"
                  + "|com\\.fasterxml|com\\.netflix|graphql\\.(execution|schema|language|validation)"
                  + "|org\\.(springframework|postgresql|h2|hibernate))\\.[a-zA-Z]"),
          Pattern.compile("StreamReadFeature|jackson", Pattern.CASE_INSENSITIVE),
          Pattern.compile("(?i)\\bselect\\b[^\"]{0,80}\\bfrom\\b"),
          Pattern.compile("(?i)\\binsert\\s+into\\b|\\bdelete\\s+from\\b|sqlstate|jdbc|r2dbc"));

  /** One malformed request: method, content type (null: none), body. */
  record Probe(String name, HttpMethod method, String contentType, String body) {}

  private static String q(String document) {
    return "{\"query\":\"" + document.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
  }

  static List<Probe> probes() {
    String json = "application/json";
    String huge = "{ " + "a: product(id: \\\"prod-001\\\") { id } ".repeat(5000) + "}";
    List<Probe> out = new ArrayList<>();
    out.add(new Probe("bad JSON", HttpMethod.POST, json, "{\"query\": "));
    out.add(new Probe("not JSON", HttpMethod.POST, json, "hello"));
    out.add(new Probe("JSON array", HttpMethod.POST, json, "[" + q("{ __typename }") + "]"));
    out.add(new Probe("query is a number", HttpMethod.POST, json, "{\"query\":5}"));
    out.add(
        new Probe(
            "variables a string",
            HttpMethod.POST,
            json,
            "{\"query\":\"{ __typename }\",\"variables\":\"x\"}"));
    out.add(new Probe("empty body", HttpMethod.POST, json, ""));
    out.add(new Probe("text/plain", HttpMethod.POST, "text/plain", q("{ __typename }")));
    out.add(new Probe("no content type", HttpMethod.POST, null, q("{ __typename }")));
    out.add(new Probe("form", HttpMethod.POST, "application/x-www-form-urlencoded", "query=x"));
    out.add(new Probe("XML", HttpMethod.POST, "application/xml", "<query/>"));
    out.add(new Probe("invalid syntax", HttpMethod.POST, json, q("{ product(id: ) { id ")));
    out.add(
        new Probe(
            "unknown field", HttpMethod.POST, json, q("{ product(id: \"prod-001\") { nope } }")));
    out.add(new Probe("unknown argument", HttpMethod.POST, json, q("{ product(nope: 1) { id } }")));
    out.add(
        new Probe(
            "wrong variable type",
            HttpMethod.POST,
            json,
            "{\"query\":\"query($id: ID!) { product(id: $id) { id } }\",\"variables\":{\"id\":{\"a\":[1]}}}"));
    out.add(
        new Probe(
            "int overflow",
            HttpMethod.POST,
            json,
            "{\"query\":\"query($n: Int) { products(first: $n) { edges { cursor } } }\","
                + "\"variables\":{\"n\":99999999999999999999}}"));
    out.add(
        new Probe(
            "negative first",
            HttpMethod.POST,
            json,
            q("{ products(first: -5) { edges { cursor } } }")));
    out.add(
        new Probe(
            "huge first",
            HttpMethod.POST,
            json,
            q("{ products(first: 2147483647) { edges { cursor } } }")));
    out.add(
        new Probe(
            "garbage cursor",
            HttpMethod.POST,
            json,
            q("{ products(after: \"%%%'; --\") { edges { cursor } } }")));
    out.add(
        new Probe(
            "SQL-ish id", HttpMethod.POST, json, q("{ product(id: \"' OR 1=1; --\") { id } }")));
    out.add(
        new Probe(
            "NUL in a string",
            HttpMethod.POST,
            json,
            "{\"query\":\"{ product(id: \\\"a\\u0000b\\\") { id } }\"}"));
    out.add(
        new Probe(
            "bad representation",
            HttpMethod.POST,
            json,
            "{\"query\":\"query($r: [_Any!]!) { _entities(representations: $r) { __typename } }\","
                + "\"variables\":{\"r\":[{\"__typename\":\"Nope\"},{\"id\":1},5]}}"));
    out.add(new Probe("huge query", HttpMethod.POST, json, "{\"query\":\"" + huge + "\"}"));
    out.add(
        new Probe(
            "deep query",
            HttpMethod.POST,
            json,
            q(
                "{ "
                    + "__typename ".repeat(1)
                    + "a: __schema { types { ".repeat(1)
                    + "fields { type { ofType { ".repeat(60)
                    + "name"
                    + " } } }".repeat(60)
                    + " } } }")));
    out.add(new Probe("GET", HttpMethod.GET, null, null));
    out.add(new Probe("PUT", HttpMethod.PUT, json, q("{ __typename }")));
    out.add(new Probe("DELETE", HttpMethod.DELETE, null, null));
    return out;
  }

  @Test
  void malformedRequestsShowNoStackTraceClassNameOrSql() {
    List<String> problems = new ArrayList<>();
    for (Probe probe : probes()) {
      var spec = http.method(probe.method()).uri("/graphql");
      if (probe.contentType() != null) {
        spec.header("content-type", probe.contentType());
      }
      if (probe.body() != null) {
        spec.bodyValue(probe.body().getBytes(StandardCharsets.UTF_8));
      }
      EntityExchangeResult<byte[]> result = spec.exchange().expectBody().returnResult();
      byte[] bytes = result.getResponseBody();
      String text = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
      for (Pattern leak : LEAKS) {
        if (leak.matcher(text).find()) {
          problems.add(
              probe.name()
                  + " -> "
                  + result.getStatus().value()
                  + " leaks /"
                  + leak.pattern()
                  + "/: "
                  + (text.length() > 400 ? text.substring(0, 400) + "..." : text));
        }
      }
      System.out.println(
          "probe "
              + probe.name()
              + " -> "
              + result.getStatus().value()
              + " "
              + (text.length() > 200 ? text.substring(0, 200) + "..." : text));
    }
    assertThat(problems).isEmpty();
  }
}
