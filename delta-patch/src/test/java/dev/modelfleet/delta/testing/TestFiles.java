package dev.modelfleet.delta.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/** Deterministic test data. */
public final class TestFiles {
  private TestFiles() {}

  /** {@code n} bytes from a seeded generator. */
  public static byte[] random(long seed, int n) {
    byte[] b = new byte[n];
    SplittableRandom r = new SplittableRandom(seed);
    for (int i = 0; i < n; i += 8) {
      long v = r.nextLong();
      for (int k = 0; k < 8 && i + k < n; k++) {
        b[i + k] = (byte) (v >>> (8 * k));
      }
    }
    return b;
  }

  /** Text-like bytes (compressible): words from a small alphabet. */
  public static byte[] text(long seed, int n) {
    SplittableRandom r = new SplittableRandom(seed);
    String[] words = {"tensor ", "model ", "weight ", "llama ", "token ", "q8_0 ", "block ", "\n"};
    StringBuilder sb = new StringBuilder(n + 16);
    while (sb.length() < n) {
      sb.append(words[r.nextInt(words.length)]);
      if (r.nextInt(20) == 0) {
        sb.append(r.nextInt(100000));
      }
    }
    return Arrays.copyOf(sb.toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII), n);
  }

  /** {@code a}, with {@code b} inserted at {@code at}. */
  public static byte[] insert(byte[] a, int at, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, at);
    System.arraycopy(b, 0, out, at, b.length);
    System.arraycopy(a, at, out, at + b.length, a.length - at);
    return out;
  }

  /** {@code a} without {@code [at, at+n)}. */
  public static byte[] delete(byte[] a, int at, int n) {
    byte[] out = new byte[a.length - n];
    System.arraycopy(a, 0, out, 0, at);
    System.arraycopy(a, at + n, out, at, a.length - at - n);
    return out;
  }

  public static Path write(Path p, byte[] b) {
    try {
      return Files.write(p, b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
