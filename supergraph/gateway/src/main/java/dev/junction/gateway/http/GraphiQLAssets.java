package dev.junction.gateway.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bundled GraphiQL page and its assets (classpath {@code /graphiql/}), read once. Only the
 * listed files are served, so request paths never reach the class loader.
 */
final class GraphiQLAssets {
  static final String INDEX = "index.html";

  /** One servable file. */
  record Asset(byte[] bytes, String contentType, String etag, String cacheControl) {}

  private static final Map<String, String> TYPES =
      Map.of(
          INDEX,
          "text/html; charset=utf-8",
          "graphiql.min.js",
          "text/javascript; charset=utf-8",
          "graphiql.min.css",
          "text/css; charset=utf-8",
          "react.production.min.js",
          "text/javascript; charset=utf-8",
          "react-dom.production.min.js",
          "text/javascript; charset=utf-8",
          "THIRD-PARTY-LICENSES.txt",
          "text/plain; charset=utf-8");

  private final Map<String, Asset> assets;

  private GraphiQLAssets(Map<String, Asset> assets) {
    this.assets = assets;
  }

  /** Reads every asset from the classpath; fails when one is missing from the jar. */
  static GraphiQLAssets load() {
    Map<String, Asset> loaded = new LinkedHashMap<>();
    TYPES.forEach(
        (name, type) -> {
          byte[] bytes = read("/graphiql/" + name);
          String cache = name.equals(INDEX) ? "no-cache" : "public, max-age=3600";
          loaded.put(name, new Asset(bytes, type, etag(bytes), cache));
        });
    return new GraphiQLAssets(Map.copyOf(loaded));
  }

  /** The asset with this file name, or null. */
  Asset get(String name) {
    return assets.get(name);
  }

  private static byte[] read(String resource) {
    try (InputStream in = GraphiQLAssets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("GraphiQL asset missing from the classpath: " + resource);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(digest, 0, 12) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
