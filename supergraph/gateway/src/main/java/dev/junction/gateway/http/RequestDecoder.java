package dev.junction.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.gateway.GatewayRequest;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import java.util.List;
import java.util.Map;

/** Turns GraphQL over HTTP requests (POST JSON body, GET query string) into gateway requests. */
final class RequestDecoder {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RequestDecoder() {}

  /** Decodes a POST body {@code {query, operationName, variables, extensions}}. */
  static GatewayRequest fromJsonBody(byte[] body, Map<String, List<String>> headers) {
    if (body.length == 0) {
      throw HttpError.badRequest("The request body is empty; expected a JSON object with 'query'");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw HttpError.badRequest("Malformed JSON in the request body: " + e.getOriginalMessage());
    } catch (java.io.IOException e) {
      throw HttpError.badRequest("Unreadable request body");
    }
    if (root == null || root.isMissingNode()) {
      throw HttpError.badRequest("The request body is empty; expected a JSON object with 'query'");
    }
    if (root.isArray()) {
      throw HttpError.badRequest("Batched requests are not supported; send one JSON object");
    }
    if (!root.isObject()) {
      throw HttpError.badRequest("The request body must be a JSON object with 'query'");
    }
    String query = optionalString(root.get("query"), "query");
    String operationName = optionalString(root.get("operationName"), "operationName");
    Map<String, Object> variables = optionalObject(root.get("variables"), "variables");
    Map<String, Object> extensions = optionalObject(root.get("extensions"), "extensions");
    return checked(new GatewayRequest(query, operationName, variables, extensions, headers));
  }

  /** Decodes GET parameters {@code query}, {@code operationName}, {@code variables}, ... */
  static GatewayRequest fromQueryParameters(
      Map<String, List<String>> parameters, Map<String, List<String>> headers) {
    String query = first(parameters, "query");
    String operationName = first(parameters, "operationName");
    if (operationName != null && operationName.isEmpty()) {
      operationName = null;
    }
    Map<String, Object> variables = jsonParameter(first(parameters, "variables"), "variables");
    Map<String, Object> extensions = jsonParameter(first(parameters, "extensions"), "extensions");
    GatewayRequest request =
        checked(new GatewayRequest(query, operationName, variables, extensions, headers));
    refuseNonQuery(request);
    return request;
  }

  private static GatewayRequest checked(GatewayRequest request) {
    boolean hasQuery = request.query() != null && !request.query().isBlank();
    if (!hasQuery && !request.extensions().containsKey("persistedQuery")) {
      throw HttpError.badRequest("Missing 'query': the request must contain a GraphQL document");
    }
    return request;
  }

  /** GET may only run query operations: mutations must use POST (GraphQL over HTTP). */
  private static void refuseNonQuery(GatewayRequest request) {
    if (request.query() == null || request.query().isBlank()) {
      return;
    }
    Document document;
    try {
      document = Parser.parse(request.query());
    } catch (RuntimeException e) {
      return; // syntax errors: the engine reports them with locations
    }
    List<OperationDefinition> operations = document.getDefinitionsOfType(OperationDefinition.class);
    OperationDefinition selected = null;
    if (request.operationName() == null) {
      selected = operations.size() == 1 ? operations.get(0) : null;
    } else {
      for (OperationDefinition operation : operations) {
        if (request.operationName().equals(operation.getName())) {
          selected = operation;
        }
      }
    }
    // subscriptions are read-only too: GET with Accept: text/event-stream streams them
    if (selected != null
        && selected.getOperation() != OperationDefinition.Operation.QUERY
        && selected.getOperation() != OperationDefinition.Operation.SUBSCRIPTION) {
      String kind = selected.getOperation().name().toLowerCase(java.util.Locale.ROOT);
      throw new HttpError(
          405,
          "METHOD_NOT_ALLOWED",
          "Only query operations can be sent with GET; send this " + kind + " with POST");
    }
  }

  private static String first(Map<String, List<String>> parameters, String name) {
    List<String> values = parameters.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static Map<String, Object> jsonParameter(String text, String name) {
    if (text == null || text.isEmpty()) {
      return null;
    }
    JsonNode node;
    try {
      node = JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw HttpError.badRequest("Malformed JSON in '" + name + "': " + e.getOriginalMessage());
    }
    return optionalObject(node, name);
  }

  private static String optionalString(JsonNode node, String name) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw HttpError.badRequest("'" + name + "' must be a string");
    }
    return node.textValue();
  }

  private static Map<String, Object> optionalObject(JsonNode node, String name) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (!node.isObject()) {
      throw HttpError.badRequest("'" + name + "' must be a JSON object");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> map = JSON.convertValue(node, Map.class);
    return map;
  }
}
