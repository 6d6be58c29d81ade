package dev.modelfleet.delta.internal.cdc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A fast 64-bit hash of a byte range for looking chunks up. Not collision-resistant: every match it
 * suggests is compared byte for byte before it is used.
 */
final class ChunkHash {
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;

  private ChunkHash() {}

  static long hash(byte[] b, int off, int len) {
    long h = P2 ^ len;
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      long w = (long) LONGS.get(b, off + i);
      h = Long.rotateLeft(h ^ (w * P1), 31) * P2;
    }
    for (; i < len; i++) {
      h = Long.rotateLeft(h ^ ((b[off + i] & 0xFFL) * P1), 11) * P2;
    }
    h ^= h >>> 33;
    h *= P1;
    h ^= h >>> 29;
    return h == 0 ? 1 : h;
  }
}
