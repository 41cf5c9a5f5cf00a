package dev.junction.gateway.http;

import java.util.Locale;

/** Content negotiation for GraphQL over HTTP responses. */
final class MediaTypes {
  static final String JSON = "application/json";
  static final String GRAPHQL_RESPONSE = "application/graphql-response+json";

  private MediaTypes() {}

  /**
   * {@code application/graphql-response+json} when the client lists it explicitly, at least as
   * preferred as {@code application/json}; otherwise {@code application/json} (also for no Accept
   * header or a bare wildcard, so legacy clients keep working).
   */
  static String responseType(String accept) {
    if (accept == null || accept.isBlank()) {
      return JSON;
    }
    double graphql = quality(accept, GRAPHQL_RESPONSE);
    double json = quality(accept, JSON);
    return graphql > 0 && graphql >= json && exactlyListed(accept, GRAPHQL_RESPONSE)
        ? GRAPHQL_RESPONSE
        : JSON;
  }

  /** Whether the Accept header lists {@code text/html} explicitly (a browser navigation). */
  static boolean wantsHtml(String accept) {
    return accept != null && quality(accept, "text/html") > 0 && exactlyListed(accept, "text/html");
  }

  /** Whether a request Content-Type is JSON in UTF-8 (the only body GraphQL over HTTP requires). */
  static boolean isJsonBody(String contentType) {
    if (contentType == null) {
      return false;
    }
    String[] parts = contentType.split(";", -1);
    if (!parts[0].trim().equalsIgnoreCase(JSON)) {
      return false;
    }
    for (int i = 1; i < parts.length; i++) {
      String[] param = parts[i].split("=", 2);
      if (param.length == 2 && param[0].trim().equalsIgnoreCase("charset")) {
        String charset = param[1].trim().replace("\"", "");
        if (!charset.equalsIgnoreCase("utf-8") && !charset.equalsIgnoreCase("utf8")) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean exactlyListed(String accept, String type) {
    for (String range : accept.split(",")) {
      if (range.split(";", -1)[0].trim().equalsIgnoreCase(type)) {
        return true;
      }
    }
    return false;
  }

  /** The q-value the Accept header gives {@code type}, considering wildcards; 0 if none. */
  static double quality(String accept, String type) {
    String lowerType = type.toLowerCase(Locale.ROOT);
    String major = lowerType.substring(0, lowerType.indexOf('/'));
    double best = 0;
    int bestSpecificity = -1;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";", -1);
      String mediaRange = parts[0].trim().toLowerCase(Locale.ROOT);
      int specificity;
      if (mediaRange.equals(lowerType)) {
        specificity = 2;
      } else if (mediaRange.equals(major + "/*")) {
        specificity = 1;
      } else if (mediaRange.equals("*/*")) {
        specificity = 0;
      } else {
        continue;
      }
      double q = 1;
      for (int i = 1; i < parts.length; i++) {
        String[] param = parts[i].split("=", 2);
        if (param.length == 2 && param[0].trim().equalsIgnoreCase("q")) {
          try {
            q = Double.parseDouble(param[1].trim());
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if (specificity > bestSpecificity) {
        bestSpecificity = specificity;
        best = q;
      }
    }
    return best;
  }
}
