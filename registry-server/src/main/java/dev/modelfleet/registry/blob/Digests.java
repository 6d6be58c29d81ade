package dev.modelfleet.registry.blob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** SHA-256 helpers and the digest syntax blob keys use. */
public final class Digests {
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private Digests() {}

  public static boolean isSha256(String hex) {
    return SHA256_HEX.matcher(hex).matches();
  }

  public static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  /** Hex SHA-256 of a whole file, read in large sequential blocks. */
  public static String sha256(Path file) throws IOException {
    MessageDigest sha = sha256();
    ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (ch.read(buffer) >= 0) {
        buffer.flip();
        sha.update(buffer);
        buffer.clear();
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  public static String sha256(InputStream in) throws IOException {
    MessageDigest sha = sha256();
    byte[] buffer = new byte[1 << 16];
    int n;
    while ((n = in.read(buffer)) >= 0) {
      sha.update(buffer, 0, n);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  static void requireSha256(String hex) {
    if (!isSha256(hex)) {
      throw new IllegalArgumentException("not a lower-case hex SHA-256: " + hex);
    }
  }
}
