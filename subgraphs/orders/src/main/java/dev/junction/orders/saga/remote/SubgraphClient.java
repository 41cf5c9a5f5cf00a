package dev.junction.orders.saga.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.orders.saga.RemoteCallException;
import dev.junction.subgraph.common.trust.Caller;
import dev.junction.subgraph.common.trust.CallerCredentials;
import dev.junction.subgraph.common.trust.CallerTokens;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;

/**
 * Posts GraphQL operations to one subgraph and maps the outcome: the {@code data} object, or a
 * {@link RemoteCallException} carrying the first error's {@code extensions.code} (permanent, unless
 * the code says the server failed or a dependency of it is unavailable); HTTP 5xx, 429, connection
 * failures and unreadable bodies are transient.
 */
public final class SubgraphClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Error codes that say the server side failed, so that the same call may succeed later. */
  private static final java.util.Set<String> TRANSIENT_CODES =
      java.util.Set.of(
          "", "INTERNAL_SERVER_ERROR", "INTERNAL", "UNAVAILABLE", "PAYMENT_PROVIDER_UNAVAILABLE");

  private final String name;
  private final WebClient http;
  private final CallerCredentials credentials;

  public SubgraphClient(String name, String baseUrl) {
    this(name, baseUrl, null);
  }

  /**
   * @param credentials this service's caller tokens; null sends none (the subgraphs run without a
   *     secret)
   */
  public SubgraphClient(String name, String baseUrl, CallerCredentials credentials) {
    this.name = name;
    this.credentials = credentials;
    this.http =
        WebClient.builder()
            .baseUrl(baseUrl)
            .defaultHeader(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
            .build();
  }

  /**
   * Executes the operation and emits its {@code data}. The caller token names the end user of the
   * {@link Caller} in the subscriber's Reactor context (the user who placed the order), none when
   * there is none (saga recovery).
   */
  public Mono<JsonNode> execute(String query, Map<String, Object> variables) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", query);
    body.put("variables", variables);
    String json;
    try {
      json = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      return Mono.error(new IllegalArgumentException("cannot serialize variables", e));
    }
    return Mono.deferContextual(ctx -> post(json, Caller.of(ctx)));
  }

  private Mono<JsonNode> post(String json, Caller onBehalfOf) {
    WebClient.RequestBodySpec request = http.post().uri("/graphql");
    if (credentials != null) {
      request = request.header(CallerTokens.HEADER, credentials.tokenFor(name, onBehalfOf));
    }
    return request
        .bodyValue(json)
        .retrieve()
        .bodyToMono(String.class)
        .onErrorMap(WebClientResponseException.class, this::httpError)
        .onErrorMap(
            WebClientRequestException.class,
            e -> RemoteCallException.transientFailure("UNREACHABLE", name + ": " + e.getMessage()))
        .flatMap(this::parse);
  }

  private RemoteCallException httpError(WebClientResponseException e) {
    int status = e.getStatusCode().value();
    String message = name + " answered HTTP " + status;
    if (status >= 500 || status == 429 || status == 408) {
      return RemoteCallException.transientFailure("UPSTREAM_" + status, message);
    }
    // A GraphQL server may answer 4xx with a GraphQL error body; prefer its code.
    try {
      JsonNode node = JSON.readTree(e.getResponseBodyAsString());
      JsonNode code = node.path("errors").path(0).path("extensions").path("code");
      if (code.isTextual()) {
        return RemoteCallException.permanent(code.asText(), message);
      }
    } catch (JsonProcessingException ignored) {
      // not GraphQL: fall through
    }
    return RemoteCallException.permanent("UPSTREAM_" + status, message);
  }

  private Mono<JsonNode> parse(String text) {
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return Mono.error(
          RemoteCallException.transientFailure("BAD_RESPONSE", name + " sent unreadable JSON"));
    }
    if (node == null || !node.isObject()) {
      return Mono.error(
          RemoteCallException.transientFailure("BAD_RESPONSE", name + " sent no JSON object"));
    }
    JsonNode errors = node.path("errors");
    if (errors.isArray() && !errors.isEmpty()) {
      JsonNode first = errors.get(0);
      String code = first.path("extensions").path("code").asText("");
      String message = name + ": " + first.path("message").asText("error");
      boolean serverSide = TRANSIENT_CODES.contains(code);
      return Mono.error(
          serverSide
              ? RemoteCallException.transientFailure(code.isEmpty() ? "UNKNOWN" : code, message)
              : RemoteCallException.permanent(code, message));
    }
    JsonNode data = node.path("data");
    if (!data.isObject()) {
      return Mono.error(
          RemoteCallException.transientFailure("BAD_RESPONSE", name + " sent no data"));
    }
    return Mono.just(data);
  }
}
