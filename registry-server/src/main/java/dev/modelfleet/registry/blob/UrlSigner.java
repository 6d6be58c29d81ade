package dev.modelfleet.registry.blob;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over {@code sha256 \n name \n expires}: the filesystem store's download links. */
final class UrlSigner {
  private final SecretKeySpec key;

  UrlSigner(byte[] secret) {
    if (secret.length < 32) {
      throw new IllegalArgumentException("URL signing key must have at least 32 bytes");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
  }

  String sign(String sha256, String name, long expiresEpochSecond) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      byte[] tag =
          mac.doFinal(
              (sha256 + "\n" + name + "\n" + expiresEpochSecond).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(tag);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  boolean verify(String sha256, String name, long expiresEpochSecond, String signature) {
    byte[] expected = sign(sha256, name, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
  }
}
