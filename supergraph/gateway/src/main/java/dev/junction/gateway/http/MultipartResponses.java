package dev.junction.gateway.http;

import dev.junction.gateway.GatewayResponse;
import dev.junction.gateway.subscription.SubscriptionHandler;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Incremental delivery over HTTP ({@code @defer}): {@code multipart/mixed; deferSpec=20220824}, one
 * JSON part per payload, each sent as soon as it is ready, as Apollo Router and Hive Router send
 * it. An operation without deferred parts is answered as plain JSON even when the client accepts
 * multipart.
 */
final class MultipartResponses {
  static final String CONTENT_TYPE = "multipart/mixed;boundary=\"graphql\";deferSpec=20220824";
  private static final String PART =
      "\r\n--graphql\r\ncontent-type: application/json; charset=utf-8\r\n\r\n";
  private static final String END = "\r\n--graphql--\r\n";

  private MultipartResponses() {}

  /** Whether an {@code Accept} header takes a multipart (incremental) response. */
  static boolean accepted(String accept) {
    return accept != null && accept.toLowerCase(Locale.ROOT).contains("multipart/mixed");
  }

  /** Sends an opened operation: multipart when incremental, else its one response as JSON. */
  static Mono<Void> send(
      SubscriptionHandler.Opened opened, HttpServerResponse response, String jsonType) {
    if (opened.refused() != null) {
      return json(response, opened.refused(), jsonType);
    }
    if (!opened.incremental()) {
      return opened
          .responses()
          .next()
          .switchIfEmpty(Mono.error(() -> new IllegalStateException("the engine returned nothing")))
          .flatMap(r -> json(response, r, jsonType));
    }
    Flux<String> parts =
        opened
            .responses()
            .map(r -> PART + new String(r.toJson(), StandardCharsets.UTF_8))
            .concatWith(Mono.just(END));
    return response
        .status(200)
        .header(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE)
        .header(HttpHeaderNames.CACHE_CONTROL, "no-cache")
        .header("x-accel-buffering", "no")
        .sendString(parts, StandardCharsets.UTF_8)
        .then();
  }

  private static Mono<Void> json(HttpServerResponse response, GatewayResponse r, String type) {
    return GatewayHttpServer.send(response, r.httpStatus(), type, r.toJson());
  }
}
