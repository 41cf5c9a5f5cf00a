package dev.junction.gateway.headers;

import dev.junction.gateway.HeaderPropagator;
import dev.junction.gateway.Identity;
import dev.junction.gateway.auth.SubgraphCredentials;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The header rules, then the caller credential: whatever the rules propagated or inserted under
 * {@value SubgraphCredentials#HEADER} is dropped, and the gateway's own token is set for subgraphs
 * with a secret, so a client can never choose the credential.
 */
public final class CallerCredentialHeaders implements HeaderPropagator {
  private final HeaderPropagator rules;
  private final SubgraphCredentials credentials;

  /**
   * @param credentials the subgraph secrets; null sends no credential (a client's is still dropped)
   */
  public CallerCredentialHeaders(HeaderPropagator rules, SubgraphCredentials credentials) {
    this.rules = rules;
    this.credentials = credentials;
  }

  @Override
  public Map<String, List<String>> headersFor(
      String subgraph, Map<String, List<String>> clientHeaders) {
    return headersFor(subgraph, clientHeaders, Identity.ANONYMOUS);
  }

  @Override
  public Map<String, List<String>> headersFor(
      String subgraph, Map<String, List<String>> clientHeaders, Identity identity) {
    Map<String, List<String>> propagated = rules.headersFor(subgraph, clientHeaders, identity);
    String token = credentials == null ? null : credentials.tokenFor(subgraph, identity);
    if (token == null && !containsCredential(propagated)) {
      return propagated;
    }
    if (propagated.isEmpty()) {
      return Map.of(SubgraphCredentials.HEADER, List.of(token));
    }
    Map<String, List<String>> out = new LinkedHashMap<>(propagated.size() + 1);
    propagated.forEach(
        (name, values) -> {
          if (!name.equalsIgnoreCase(SubgraphCredentials.HEADER)) {
            out.put(name, values);
          }
        });
    if (token != null) {
      out.put(SubgraphCredentials.HEADER, List.of(token));
    }
    return out;
  }

  private static boolean containsCredential(Map<String, List<String>> headers) {
    for (String name : headers.keySet()) {
      if (name.equalsIgnoreCase(SubgraphCredentials.HEADER)) {
        return true;
      }
    }
    return false;
  }
}
