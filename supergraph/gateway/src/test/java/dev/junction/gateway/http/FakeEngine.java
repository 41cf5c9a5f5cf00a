package dev.junction.gateway.http;

import dev.junction.gateway.GatewayRequest;
import dev.junction.gateway.GatewayResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import reactor.core.publisher.Mono;

/** A handler standing in for the engine: echoes what it received, or misbehaves on request. */
final class FakeEngine implements GraphQLHandler {
  final List<GatewayRequest> received = new CopyOnWriteArrayList<>();

  @Override
  public Mono<GatewayResponse> execute(GatewayRequest request) {
    received.add(request);
    String query = request.query() == null ? "" : request.query();
    if (query.contains("throwSync")) {
      throw new IllegalStateException("secret internal detail");
    }
    if (query.contains("failAsync")) {
      return Mono.error(new IllegalArgumentException("another secret detail"));
    }
    if (query.contains("nothing")) {
      return Mono.empty();
    }
    if (query.contains("invalidDocument")) {
      return Mono.just(
          GatewayResponse.requestError(
              List.of(
                  Map.of(
                      "message",
                      "Cannot query field 'invalidDocument'",
                      "extensions",
                      Map.of("code", "GRAPHQL_VALIDATION_FAILED"))),
              400));
    }
    Map<String, Object> echo = new LinkedHashMap<>();
    echo.put("query", request.query());
    echo.put("operationName", request.operationName());
    echo.put("variables", request.variables());
    echo.put("extensions", request.extensions());
    echo.put("customHeader", request.header("x-custom"));
    Mono<GatewayResponse> response =
        Mono.just(GatewayResponse.executed(Map.of("echo", echo), List.of(), Map.of()));
    return query.contains("slow") ? response.delayElement(Duration.ofMillis(400)) : response;
  }
}
