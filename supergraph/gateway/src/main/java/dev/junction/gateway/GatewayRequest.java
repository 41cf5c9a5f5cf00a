package dev.junction.gateway;

import java.util.List;
import java.util.Map;

/**
 * One client GraphQL request, as the HTTP layer decoded it.
 *
 * @param query the document (may be null when a persisted query hash is sent)
 * @param operationName the operation to run, or null
 * @param variables variable values (never null)
 * @param extensions request extensions such as {@code persistedQuery} (never null)
 * @param headers client request headers, names lower-cased (never null)
 * @param identity the verified bearer token's claims, or {@link Identity#ANONYMOUS} (never null)
 */
public record GatewayRequest(
    String query,
    String operationName,
    Map<String, Object> variables,
    Map<String, Object> extensions,
    Map<String, List<String>> headers,
    Identity identity) {

  public GatewayRequest {
    variables = variables == null ? Map.of() : variables;
    extensions = extensions == null ? Map.of() : extensions;
    headers = headers == null ? Map.of() : headers;
    identity = identity == null ? Identity.ANONYMOUS : identity;
  }

  /** An anonymous request. */
  public GatewayRequest(
      String query,
      String operationName,
      Map<String, Object> variables,
      Map<String, Object> extensions,
      Map<String, List<String>> headers) {
    this(query, operationName, variables, extensions, headers, Identity.ANONYMOUS);
  }

  /** The same request made by {@code who}. */
  public GatewayRequest withIdentity(Identity who) {
    return new GatewayRequest(query, operationName, variables, extensions, headers, who);
  }

  /** A request with just a document. */
  public static GatewayRequest of(String query) {
    return new GatewayRequest(query, null, Map.of(), Map.of(), Map.of());
  }

  /** A request with a document and variables. */
  public static GatewayRequest of(String query, Map<String, Object> variables) {
    return new GatewayRequest(query, null, variables, Map.of(), Map.of());
  }

  /** The first value of a header (name in any case), or null. */
  public String header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
