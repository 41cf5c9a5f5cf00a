package dev.junction.gateway.http;

import dev.junction.gateway.config.CorsConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.Locale;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/** Applies the {@code cors:} config to preflight and actual requests. */
final class CorsPolicy {
  private final CorsConfig config;

  CorsPolicy(CorsConfig config) {
    this.config = config;
  }

  static boolean isPreflight(HttpServerRequest request) {
    HttpHeaders headers = request.requestHeaders();
    return headers.contains(HttpHeaderNames.ORIGIN)
        && headers.contains(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
  }

  /**
   * Adds the preflight answer headers; returns false (and adds nothing) when the origin or method
   * is not allowed.
   */
  boolean preflight(HttpServerRequest request, HttpServerResponse response) {
    HttpHeaders in = request.requestHeaders();
    String origin = in.get(HttpHeaderNames.ORIGIN);
    String method = in.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD).trim();
    response.addHeader(
        HttpHeaderNames.VARY,
        "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
    if (!config.allows(origin) || !config.methods().contains(method.toUpperCase(Locale.ROOT))) {
      return false;
    }
    allowOrigin(origin, response);
    response.header(
        HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, String.join(", ", config.methods()));
    String requested = in.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
    if (!config.allowHeaders().isEmpty()) {
      response.header(
          HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, String.join(", ", config.allowHeaders()));
    } else if (requested != null && !requested.isBlank()) {
      response.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, requested);
    }
    if (config.maxAge() != null) {
      response.header(
          HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, Long.toString(config.maxAge().toSeconds()));
    }
    return true;
  }

  /** Adds the CORS headers of an actual (non-preflight) request from an allowed origin. */
  void actual(HttpServerRequest request, HttpServerResponse response) {
    if (!config.enabled()) {
      return;
    }
    String origin = request.requestHeaders().get(HttpHeaderNames.ORIGIN);
    response.addHeader(HttpHeaderNames.VARY, "Origin");
    if (config.allows(origin)) {
      allowOrigin(origin, response);
    }
  }

  private void allowOrigin(String origin, HttpServerResponse response) {
    if (config.allowsAnyOrigin() && !config.allowCredentials()) {
      response.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
    } else {
      response.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
    }
    if (config.allowCredentials()) {
      response.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
    }
  }
}
