package dev.modelfleet.delta.internal.transform;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte- and nibble-wise arithmetic on 8 bytes at a time (SIMD within a register). */
final class Swar {
  static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long H = 0x8080808080808080L;
  private static final long L7 = 0x7F7F7F7F7F7F7F7FL;
  private static final long N = 0x0F0F0F0F0F0F0F0FL;

  private Swar() {}

  /** Byte-wise {@code (a + b) mod 256}. */
  static long addBytes(long a, long b) {
    return ((a & L7) + (b & L7)) ^ ((a ^ b) & H);
  }

  /** Byte-wise {@code (a − b) mod 256}. */
  static long subBytes(long a, long b) {
    return ((a | H) - (b & L7)) ^ ((a ^ ~b) & H);
  }

  /** Nibble-wise {@code (a + b) mod 16}. */
  static long addNibbles(long a, long b) {
    long lo = ((a & N) + (b & N)) & N;
    long hi = (((a >>> 4) & N) + ((b >>> 4) & N)) & N;
    return lo | hi << 4;
  }

  /** Nibble-wise {@code (a − b) mod 16}. */
  static long subNibbles(long a, long b) {
    // Adding 16 to every minuend nibble keeps each difference non-negative within its byte.
    long lo = (((a & N) | 0x1010101010101010L) - (b & N)) & N;
    long hi = ((((a >>> 4) & N) | 0x1010101010101010L) - ((b >>> 4) & N)) & N;
    return lo | hi << 4;
  }

  /** True if any nibble of {@code x} is 15. */
  static boolean hasNibble15(int x) {
    int lo = (x & 0x0F0F0F0F) + 0x01010101;
    int hi = ((x >>> 4) & 0x0F0F0F0F) + 0x01010101;
    return ((lo | hi) & 0x10101010) != 0;
  }
}
