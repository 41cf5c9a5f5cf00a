package dev.junction.bench.realtime;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code @defer} timings through the gateway, one request at a time: time to the first part (the
 * primary payload, {@code "hasNext":true}) and to the whole multipart response of a query whose
 * deferred fragment needs the slow subgraph, against the same fields without {@code @defer} (one
 * JSON body) and the primary fields alone.
 */
final class DeferTimer {
  private static final String DEFERRED =
      "{ product(upc: \\\"%s\\\") { upc name ... @defer { detail } } }";
  private static final String WHOLE = "{ product(upc: \\\"%s\\\") { upc name detail } }";
  private static final String PRIMARY = "{ product(upc: \\\"%s\\\") { upc name } }";

  private DeferTimer() {}

  static void run(Args args) throws Exception {
    String url = args.require("url");
    int requests = args.integer("requests", 200);
    int warmup = args.integer("warmup", 100);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    for (int i = 0; i < warmup; i++) {
      deferred(client, url, i);
      plain(client, url, WHOLE, i, "detail of");
      plain(client, url, PRIMARY, i, "Product ");
    }
    long[] first = new long[requests];
    long[] whole = new long[requests];
    long[] noDefer = new long[requests];
    long[] primary = new long[requests];
    for (int i = 0; i < requests; i++) {
      long[] times = deferred(client, url, i);
      first[i] = times[0];
      whole[i] = times[1];
      noDefer[i] = plain(client, url, WHOLE, i, "detail of");
      primary[i] = plain(client, url, PRIMARY, i, "Product ");
    }
    System.out.printf(
        Locale.ROOT,
        "RT_JSON {\"kind\":\"defer\",\"url\":\"%s\",\"requests\":%d,\"first_part_ms\":%s,"
            + "\"deferred_whole_ms\":%s,\"no_defer_ms\":%s,\"primary_only_ms\":%s}%n",
        url,
        requests,
        Stats.of(first, requests).json(1e6),
        Stats.of(whole, requests).json(1e6),
        Stats.of(noDefer, requests).json(1e6),
        Stats.of(primary, requests).json(1e6));
  }

  private static HttpRequest request(String url, String query, int i, String accept) {
    String body = "{\"query\":\"" + String.format(query, "p" + (i % 8)) + "\"}";
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/json")
        .header("Accept", accept)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  /** Nanoseconds to the first part and to the end of the multipart body. */
  private static long[] deferred(HttpClient client, String url, int i) throws Exception {
    HttpRequest request =
        request(url, DEFERRED, i, "multipart/mixed;deferSpec=20220824, application/json");
    long start = System.nanoTime();
    HttpResponse<InputStream> response =
        client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    long first = -1;
    StringBuilder text = new StringBuilder();
    byte[] buffer = new byte[8192];
    try (InputStream in = response.body()) {
      for (int read; (read = in.read(buffer)) >= 0; ) {
        text.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
        if (first < 0 && text.indexOf("\"hasNext\":true") >= 0) {
          first = System.nanoTime() - start;
        }
      }
    }
    long end = System.nanoTime() - start;
    String body = text.toString();
    if (response.statusCode() != 200
        || first < 0
        || !body.contains("detail of")
        || !body.contains("\"hasNext\":false")) {
      throw new IllegalStateException(
          "unexpected deferred answer " + response.statusCode() + ": " + body);
    }
    return new long[] {first, end};
  }

  private static long plain(HttpClient client, String url, String query, int i, String expect)
      throws Exception {
    long start = System.nanoTime();
    HttpResponse<String> response =
        client.send(
            request(url, query, i, "application/json"), HttpResponse.BodyHandlers.ofString());
    long end = System.nanoTime() - start;
    if (response.statusCode() != 200
        || !response.body().contains(expect)
        || response.body().contains("\"errors\"")) {
      throw new IllegalStateException("unexpected answer: " + response.body());
    }
    return end;
  }
}
