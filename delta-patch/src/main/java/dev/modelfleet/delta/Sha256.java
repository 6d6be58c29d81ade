package dev.modelfleet.delta;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** A SHA-256 digest. Immutable. */
public final class Sha256 {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private final byte[] bytes;

  private Sha256(byte[] bytes) {
    this.bytes = bytes;
  }

  /**
   * The digest with these 32 bytes.
   *
   * @throws IllegalArgumentException if {@code bytes} is not 32 bytes long
   */
  public static Sha256 of(byte[] bytes) {
    if (bytes.length != 32) {
      throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + bytes.length);
    }
    return new Sha256(bytes.clone());
  }

  /**
   * Parses 64 hex digits (either case).
   *
   * @throws IllegalArgumentException if {@code hex} is not 64 hex digits
   */
  public static Sha256 fromHex(String hex) {
    if (hex.length() != 64) {
      throw new IllegalArgumentException("a SHA-256 digest has 64 hex digits, not " + hex.length());
    }
    byte[] b = new byte[32];
    for (int i = 0; i < 32; i++) {
      int hi = Character.digit(hex.charAt(2 * i), 16);
      int lo = Character.digit(hex.charAt(2 * i + 1), 16);
      if (hi < 0 || lo < 0) {
        throw new IllegalArgumentException("not a hex digest: " + hex);
      }
      b[i] = (byte) (hi << 4 | lo);
    }
    return new Sha256(b);
  }

  /** A new SHA-256 {@link MessageDigest} (every Java platform has one). */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this Java runtime has no SHA-256", e);
    }
  }

  /** A copy of the 32 bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** Lower-case hex. */
  public String hex() {
    char[] c = new char[64];
    for (int i = 0; i < 32; i++) {
      c[2 * i] = HEX[(bytes[i] >> 4) & 15];
      c[2 * i + 1] = HEX[bytes[i] & 15];
    }
    return new String(c);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Sha256 other && MessageDigest.isEqual(bytes, other.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "sha256:" + hex().toLowerCase(Locale.ROOT);
  }
}
