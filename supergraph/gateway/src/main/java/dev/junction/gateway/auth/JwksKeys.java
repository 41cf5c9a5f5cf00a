package dev.junction.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The verification keys of a JWKS file or URL, each with its verifier built once. Loaded at start,
 * then reloaded every {@code refresh} on a daemon thread; a failed load keeps the keys it had (they
 * go stale rather than vanish). An unknown key id asks for an early reload, at most once per {@code
 * minRefresh}. A URL fetch times out after {@code timeout} and reads at most 1 MiB.
 */
final class JwksKeys implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(JwksKeys.class);
  private static final int MAX_JWKS_BYTES = 1024 * 1024;

  /** One usable key: its id (may be null) and its verifier. */
  record Key(String kid, JWSVerifier verifier, JWSAlgorithm declaredAlg) {
    boolean accepts(JWSAlgorithm alg) {
      return (declaredAlg == null || declaredAlg.equals(alg))
          && verifier.supportedJWSAlgorithms().contains(alg);
    }
  }

  private final Path file;
  private final URI url;
  private final Duration timeout;
  private final long minRefreshNanos;
  private final HttpClient http;
  private final ScheduledExecutorService scheduler;
  private final AtomicLong lastEarlyRefresh = new AtomicLong(System.nanoTime() - (1L << 40));
  private volatile List<Key> keys = List.of();
  private volatile boolean loadedOnce;

  JwksKeys(Path file, URI url, Duration refresh, Duration minRefresh, Duration timeout) {
    if ((file == null) == (url == null)) {
      throw new IllegalArgumentException("give exactly one of a JWKS file or URL");
    }
    this.file = file;
    this.url = url;
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.minRefreshNanos = minRefresh.toNanos();
    this.http =
        url == null
            ? null
            : HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    reload();
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "junction-jwks-refresh");
              t.setDaemon(true);
              return t;
            });
    long every = Math.max(1, refresh.toMillis());
    scheduler.scheduleWithFixedDelay(this::reload, every, every, TimeUnit.MILLISECONDS);
  }

  /** Keys usable for {@code alg}, restricted to {@code kid} when the token names one. */
  List<Key> candidates(String kid, JWSAlgorithm alg) {
    List<Key> out = new ArrayList<>(1);
    for (Key key : keys) {
      if ((kid == null || kid.equals(key.kid())) && key.accepts(alg)) {
        out.add(key);
      }
    }
    return out;
  }

  /** Asks for a reload soon (a token named an unknown key), unless one was asked for lately. */
  void refreshSoon() {
    long now = System.nanoTime();
    long last = lastEarlyRefresh.get();
    if (now - last >= minRefreshNanos && lastEarlyRefresh.compareAndSet(last, now)) {
      try {
        scheduler.execute(this::reload);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // closed
      }
    }
  }

  /** Whether a load has ever succeeded. */
  boolean loaded() {
    return loadedOnce;
  }

  /** Loads the key set now; on failure keeps the current keys and returns false. */
  boolean reload() {
    String source = file != null ? file.toString() : url.toString();
    try {
      String text = file != null ? readFile() : fetch();
      List<Key> fresh = parse(JWKSet.parse(text));
      keys = fresh;
      if (!loadedOnce) {
        log.info("Loaded {} verification key(s) from {}", fresh.size(), source);
      }
      loadedOnce = true;
      return true;
    } catch (IOException | java.text.ParseException | RuntimeException e) {
      log.warn(
          "Cannot load the JWKS from {} ({}); keeping the {} key(s) loaded before",
          source,
          e.getMessage(),
          keys.size());
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private String readFile() throws IOException {
    if (Files.size(file) > MAX_JWKS_BYTES) {
      throw new IOException("larger than " + MAX_JWKS_BYTES + " bytes");
    }
    return Files.readString(file, StandardCharsets.UTF_8);
  }

  private String fetch() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("accept", "application/json, application/jwk-set+json")
            .GET()
            .build();
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("HTTP " + response.statusCode());
      }
      byte[] bytes = body.readNBytes(MAX_JWKS_BYTES + 1);
      if (bytes.length > MAX_JWKS_BYTES) {
        throw new IOException("larger than " + MAX_JWKS_BYTES + " bytes");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static List<Key> parse(JWKSet set) {
    List<Key> out = new ArrayList<>();
    for (JWK jwk : set.getKeys()) {
      if (jwk.getKeyUse() != null && !KeyUse.SIGNATURE.equals(jwk.getKeyUse())) {
        continue;
      }
      JWSAlgorithm declared =
          jwk.getAlgorithm() == null ? null : JWSAlgorithm.parse(jwk.getAlgorithm().getName());
      try {
        JWSVerifier verifier = verifier(jwk);
        if (verifier != null) {
          out.add(new Key(jwk.getKeyID(), verifier, declared));
        }
      } catch (JOSEException e) {
        log.warn("Skipping JWKS key {}: {}", jwk.getKeyID(), e.getMessage());
      }
    }
    return List.copyOf(out);
  }

  /**
   * One verifier per key type: an RSA key never verifies an HMAC token (no algorithm confusion),
   * and an HMAC secret must come as an {@code oct} key.
   */
  private static JWSVerifier verifier(JWK jwk) throws JOSEException {
    if (jwk instanceof RSAKey rsa) {
      return new RSASSAVerifier(rsa.toPublicJWK());
    }
    if (jwk instanceof ECKey ec) {
      return new ECDSAVerifier(ec.toPublicJWK());
    }
    if (jwk instanceof OctetKeyPair okp) {
      return new Ed25519JwsVerifier(okp.toPublicJWK());
    }
    if (jwk instanceof OctetSequenceKey oct) {
      return new MACVerifier(oct.toByteArray());
    }
    return null;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
