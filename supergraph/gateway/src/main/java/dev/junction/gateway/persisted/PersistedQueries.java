package dev.junction.gateway.persisted;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.junction.gateway.execution.GraphQLErrors;
import graphql.language.AstPrinter;
import graphql.language.Document;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persisted queries: automatic persisted queries (APQ: a client sends {@code
 * extensions.persistedQuery.sha256Hash}, and the document only when the gateway does not know the
 * hash yet) and an optional safelist built from a client SDK's manifest ({@code
 * apollo-persisted-query-manifest}): with the safelist on, only the operations of the manifest run.
 */
public final class PersistedQueries {
  private static final Logger log = LoggerFactory.getLogger(PersistedQueries.class);
  private static final int MAX_APQ_ENTRIES = 10_000;

  public static final String NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND";
  public static final String NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED";
  public static final String HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH";
  public static final String NOT_IN_LIST = "PERSISTED_QUERY_NOT_IN_LIST";

  private final boolean apq;
  private final boolean safelist;
  private final boolean logUnknown;
  private final Map<String, String> manifest;
  private final Map<String, String> registered = new ConcurrentHashMap<>();
  private final Map<String, Boolean> listedByQuery = new ConcurrentHashMap<>();

  /**
   * @param apq whether hash-only requests are accepted and documents registered by hash
   * @param safelist whether only operations of the manifest may run
   * @param logUnknown whether operations missing from the manifest are logged
   * @param manifest operation id (SHA-256 hex of the document) → document
   */
  public PersistedQueries(
      boolean apq, boolean safelist, boolean logUnknown, Map<String, String> manifest) {
    this.apq = apq;
    this.safelist = safelist;
    this.logUnknown = logUnknown;
    this.manifest = Map.copyOf(manifest);
    if (safelist && manifest.isEmpty()) {
      throw new IllegalArgumentException("a safelist needs a manifest with operations");
    }
  }

  /** APQ on, no manifest, no safelist: the default. */
  public static PersistedQueries apqOnly() {
    return new PersistedQueries(true, false, false, Map.of());
  }

  /** Reads an {@code apollo-persisted-query-manifest} (JSON) into id → document. */
  public static Map<String, String> readManifest(Path file) throws IOException {
    JsonNode root = new ObjectMapper().readTree(Files.readAllBytes(file));
    if (root == null || !"apollo-persisted-query-manifest".equals(root.path("format").asText())) {
      throw new IOException("not an apollo-persisted-query-manifest: " + file);
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (JsonNode op : root.path("operations")) {
      String id = op.path("id").asText(null);
      String body = op.path("body").asText(null);
      if (id == null || body == null) {
        throw new IOException("manifest operation without id or body in " + file);
      }
      out.put(id, body);
    }
    return out;
  }

  /** The document of a request, or the error that answers it. */
  public record Lookup(String query, Map<String, Object> error, int status) {
    static Lookup of(String query) {
      return new Lookup(query, null, 200);
    }

    static Lookup failed(String message, String code, int status) {
      return new Lookup(null, GraphQLErrors.error(message, code), status);
    }

    public boolean failed() {
      return error != null;
    }
  }

  /** Resolves {@code extensions.persistedQuery} of a request into the document to run. */
  public Lookup lookup(String query, Map<String, Object> extensions) {
    Object pq = extensions.get("persistedQuery");
    if (!(pq instanceof Map<?, ?> ext)) {
      return Lookup.of(query);
    }
    Object version = ext.get("version");
    Object hashValue = ext.get("sha256Hash");
    if (!(hashValue instanceof String hash)
        || !(version instanceof Number v)
        || v.intValue() != 1) {
      return Lookup.failed(
          "Unsupported persistedQuery extension (version 1 with sha256Hash expected)",
          NOT_SUPPORTED,
          400);
    }
    String known = manifest.get(hash);
    if (query == null || query.isEmpty()) {
      if (known != null) {
        return Lookup.of(known);
      }
      if (!apq) {
        return Lookup.failed("PersistedQueryNotSupported", NOT_SUPPORTED, 400);
      }
      String stored = registered.get(hash);
      return stored != null
          ? Lookup.of(stored)
          : Lookup.failed("PersistedQueryNotFound", NOT_FOUND, 200);
    }
    if (!sha256(query).equals(hash)) {
      return Lookup.failed("provided sha256Hash does not match the query", HASH_MISMATCH, 400);
    }
    if (apq && known == null && (!safelist || manifest.containsKey(hash))) {
      if (registered.size() >= MAX_APQ_ENTRIES) {
        registered.clear();
      }
      registered.putIfAbsent(hash, query);
    }
    return Lookup.of(query);
  }

  /**
   * Whether a parsed operation may run: always without a safelist; with one, when the document's
   * hash (as sent, or in compact normalised form) is a manifest id.
   */
  public boolean allowed(String query, Document document, String operationName) {
    if (manifest.isEmpty() || (!safelist && !logUnknown)) {
      return true;
    }
    // Hashing (and printing) the document is per operation, not per request: remember it.
    Boolean known = listedByQuery.get(query);
    boolean listed;
    if (known != null) {
      listed = known;
    } else {
      listed =
          manifest.containsKey(sha256(query))
              || (document != null
                  && manifest.containsKey(sha256(AstPrinter.printAstCompact(document))));
      if (listedByQuery.size() >= MAX_APQ_ENTRIES) {
        listedByQuery.clear();
      }
      listedByQuery.put(query, listed);
    }
    if (!listed && logUnknown) {
      log.info(
          "operation {} is not in the persisted-query manifest{}",
          operationName == null ? "(anonymous)" : operationName,
          safelist ? "; rejected" : "");
    }
    return listed || !safelist;
  }

  /** The error for an operation the safelist rejects. */
  public static List<Map<String, Object>> notInListError() {
    return List.of(
        GraphQLErrors.error(
            "This operation is not in the list of persisted queries the gateway accepts",
            NOT_IN_LIST));
  }

  /** SHA-256 of the UTF-8 text, lower-case hex. */
  public static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
