package dev.junction.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * A development token issuer for the local stack ({@code java -jar junction-gateway.jar
 * dev-token}): makes an RS256 signing key and its public JWKS in a directory once, then signs
 * tokens for a subject. Never for production: whoever reads the directory can mint tokens.
 */
public final class DevTokens {
  /** The {@code iss} of development tokens. */
  public static final String ISSUER = "junction-dev";

  /** The {@code aud} of development tokens. */
  public static final String AUDIENCE = "junction";

  /** The JWKS file the gateway is pointed at, inside the key directory. */
  public static final String JWKS_FILE = "jwks.json";

  static final String SIGNING_KEY_FILE = "dev-signing-key.json";

  static final String USAGE =
      String.join(
          System.lineSeparator(),
          "Usage: java -jar junction-gateway.jar dev-token [--keys <dir>] [--subject <id>]"
              + " [--scope <scopes>] [--ttl <duration>]",
          "",
          "  Prints a development bearer token (RS256, iss "
              + ISSUER
              + ", aud "
              + AUDIENCE
              + ") for a seeded customer.",
          "  --keys <dir>      key directory, created with a new key when missing"
              + " (default target/dev-auth);",
          "                    point authentication.jwks.file at <dir>/" + JWKS_FILE,
          "  --subject <id>    the sub claim (default cust-001)",
          "  --scope <scopes>  the scope claim, space-separated (default orders:write)",
          "  --ttl <duration>  lifetime such as 30m or 12h (default 12h)");

  private DevTokens() {}

  /** Runs the {@code dev-token} command; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Path dir = Path.of("target", "dev-auth");
    String subject = "cust-001";
    String scope = "orders:write";
    Duration ttl = Duration.ofHours(12);
    try {
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (name.equals("--help") || name.equals("-h")) {
          out.println(USAGE);
          return 0;
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException("missing value for " + name);
        }
        String value = args[++i];
        switch (name) {
          case "--keys" -> dir = Path.of(value);
          case "--subject" -> subject = value;
          case "--scope" -> scope = value;
          case "--ttl" -> ttl = parseTtl(value);
          default -> throw new IllegalArgumentException("unknown option '" + name + "'");
        }
      }
      if (subject.isBlank()) {
        throw new IllegalArgumentException("empty --subject");
      }
    } catch (IllegalArgumentException e) {
      err.println("dev-token: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    try {
      RSAKey key = ensureKeys(dir);
      out.println(token(key, subject, scope, ttl, Instant.now()));
      return 0;
    } catch (IOException | JOSEException | java.text.ParseException e) {
      err.println("dev-token: " + e.getMessage());
      return 1;
    }
  }

  private static Duration parseTtl(String value) {
    String s = value.trim();
    try {
      long n = Long.parseLong(s.substring(0, s.length() - 1));
      Duration d =
          switch (s.charAt(s.length() - 1)) {
            case 's' -> Duration.ofSeconds(n);
            case 'm' -> Duration.ofMinutes(n);
            case 'h' -> Duration.ofHours(n);
            case 'd' -> Duration.ofDays(n);
            default -> null;
          };
      if (d != null && !d.isNegative() && !d.isZero()) {
        return d;
      }
    } catch (RuntimeException e) {
      // reported below
    }
    throw new IllegalArgumentException("--ttl expects a duration such as 30m or 12h");
  }

  /**
   * The signing key of {@code dir}, made (with {@code dir/jwks.json}) when missing.
   *
   * @throws IOException when the directory cannot be written or read
   */
  public static RSAKey ensureKeys(Path dir)
      throws IOException, JOSEException, java.text.ParseException {
    Path keyFile = dir.resolve(SIGNING_KEY_FILE);
    Path jwksFile = dir.resolve(JWKS_FILE);
    if (Files.exists(keyFile)) {
      RSAKey key = RSAKey.parse(Files.readString(keyFile, StandardCharsets.UTF_8));
      if (!Files.exists(jwksFile)) {
        writeJwks(jwksFile, key);
      }
      return key;
    }
    Files.createDirectories(dir);
    RSAKey key =
        new RSAKeyGenerator(2048)
            .keyID("junction-dev-" + UUID.randomUUID().toString().substring(0, 8))
            .keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.RS256)
            .generate();
    Path tmp = Files.createTempFile(dir, "key", ".tmp");
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system
    }
    Files.writeString(tmp, key.toJSONString(), StandardCharsets.UTF_8);
    Files.move(tmp, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    writeJwks(jwksFile, key);
    return key;
  }

  private static void writeJwks(Path file, RSAKey key) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), "jwks", ".tmp");
    Files.writeString(tmp, new JWKSet(key.toPublicJWK()).toString(true), StandardCharsets.UTF_8);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * A token for {@code subject} signed with {@code key}, valid from {@code now} for {@code ttl}.
   */
  public static String token(RSAKey key, String subject, String scope, Duration ttl, Instant now)
      throws JOSEException {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(ISSUER)
            .audience(AUDIENCE)
            .subject(subject)
            .issueTime(Date.from(now))
            .notBeforeTime(Date.from(now))
            .expirationTime(Date.from(now.plus(ttl)))
            .jwtID(UUID.randomUUID().toString());
    if (scope != null && !scope.isBlank()) {
      claims.claim("scope", scope.trim());
    }
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(key.getKeyID())
                .type(JOSEObjectType.JWT)
                .build(),
            claims.build());
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }
}
