package dev.modelfleet.signing.internal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** SHA-2 digests from the platform (every Java and Android runtime has them, with intrinsics). */
public final class Sha {
  private Sha() {}

  public static MessageDigest sha256() {
    return get("SHA-256");
  }

  public static byte[] sha256(byte[] data) {
    return sha256().digest(data);
  }

  public static String sha256Hex(byte[] data) {
    return Hex.encode(sha256(data));
  }

  private static MessageDigest get(String name) {
    try {
      return MessageDigest.getInstance(name);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(name + " is required of every Java platform", e);
    }
  }
}
