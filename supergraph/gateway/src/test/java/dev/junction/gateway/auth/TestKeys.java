package dev.junction.gateway.auth;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.OctetSequenceKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.function.UnaryOperator;

/** Signing keys of every supported type, their public JWKS, and tokens signed with them. */
public final class TestKeys {
  public static final String ISSUER = "https://issuer.test";
  public static final String AUDIENCE = "junction-test";

  public final RSAKey rsa;
  public final ECKey ec;
  public final OctetSequenceKey hmac;
  public final KeyPair ed25519;
  public final OctetKeyPair ed25519Jwk;

  public TestKeys() {
    this("");
  }

  /** Fresh keys whose ids end with {@code suffix}. */
  public TestKeys(String suffix) {
    try {
      rsa = new RSAKeyGenerator(2048).keyID("rsa" + suffix).generate();
      ec = new ECKeyGenerator(Curve.P_256).keyID("ec" + suffix).generate();
      hmac = new OctetSequenceKeyGenerator(256).keyID("hmac" + suffix).generate();
      ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      byte[] encoded = ed25519.getPublic().getEncoded();
      byte[] x = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length);
      ed25519Jwk =
          new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x)).keyID("ed" + suffix).build();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public JWKS of every key (the HMAC secret too: an {@code oct} key has no public part). */
  public String jwks() {
    List<JWK> keys = new ArrayList<>();
    keys.add(rsa.toPublicJWK());
    keys.add(ec.toPublicJWK());
    keys.add(ed25519Jwk);
    keys.add(hmac);
    return new JWKSet(keys).toString(false);
  }

  /** Claims valid for an hour from {@code now}, for the test issuer and audience. */
  public static JWTClaimsSet.Builder claims(Instant now) {
    return new JWTClaimsSet.Builder()
        .issuer(ISSUER)
        .audience(AUDIENCE)
        .subject("cust-001")
        .issueTime(Date.from(now))
        .expirationTime(Date.from(now.plusSeconds(3600)));
  }

  public String rs256(JWTClaimsSet claims) {
    return sign(JWSAlgorithm.RS256, rsa.getKeyID(), claims, h -> h);
  }

  /** A token signed with {@code alg} by the matching key of this set. */
  public String sign(
      JWSAlgorithm alg, String kid, JWTClaimsSet claims, UnaryOperator<JWSHeader.Builder> header) {
    try {
      JWSHeader h = header.apply(new JWSHeader.Builder(alg).keyID(kid)).build();
      if (JWSAlgorithm.EdDSA.equals(alg)) {
        String input =
            h.toBase64URL()
                + "."
                + Base64URL.encode(claims.toString().getBytes(StandardCharsets.UTF_8));
        Signature s = Signature.getInstance("Ed25519");
        s.initSign(ed25519.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + Base64URL.encode(s.sign());
      }
      SignedJWT jwt = new SignedJWT(h, claims);
      if (JWSAlgorithm.Family.RSA.contains(alg)) {
        jwt.sign(new RSASSASigner(rsa));
      } else if (JWSAlgorithm.Family.EC.contains(alg)) {
        jwt.sign(new ECDSASigner(ec));
      } else {
        jwt.sign(new MACSigner(hmac));
      }
      return jwt.serialize();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** base64url of a UTF-8 string. */
  public static String b64(String s) {
    return Base64URL.encode(s.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
