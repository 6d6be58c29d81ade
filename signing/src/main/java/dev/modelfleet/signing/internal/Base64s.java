package dev.modelfleet.signing.internal;

import java.util.Base64;

/**
 * Strict base64 for DSSE and Sigstore bundles: standard alphabet (or URL-safe, which DSSE permits),
 * padded, canonical (no stray bits), so one value has exactly one text.
 */
public final class Base64s {
  private Base64s() {}

  /**
   * @throws IllegalArgumentException if {@code text} is not canonical base64
   */
  public static byte[] decode(String text) {
    boolean urlSafe = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
    Base64.Decoder decoder = urlSafe ? Base64.getUrlDecoder() : Base64.getDecoder();
    Base64.Encoder encoder = urlSafe ? Base64.getUrlEncoder() : Base64.getEncoder();
    byte[] out = decoder.decode(text);
    if (!encoder.encodeToString(out).equals(text)) {
      throw new IllegalArgumentException("non-canonical base64");
    }
    return out;
  }

  public static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
