package dev.modelfleet.delta.internal.cdc;

/**
 * Source chunks by hash: an open-addressing table of primitive arrays (about 20 bytes per chunk, so
 * a 100 GiB source with 64 KiB chunks needs about 32 MB). The first chunk with a hash wins.
 */
final class ChunkIndex {
  private long[] keys;
  private long[] offsets;
  private int[] lengths;
  private int size;

  ChunkIndex(int expected) {
    int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
    keys = new long[cap];
    offsets = new long[cap];
    lengths = new int[cap];
  }

  int size() {
    return size;
  }

  void put(long hash, long offset, int length) {
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int mask = keys.length - 1;
    int i = (int) (hash ^ (hash >>> 32)) & mask;
    while (keys[i] != 0) {
      if (keys[i] == hash && lengths[i] == length) {
        return;
      }
      i = (i + 1) & mask;
    }
    keys[i] = hash;
    offsets[i] = offset;
    lengths[i] = length;
    size++;
  }

  /** The source offset of a chunk with this hash and length, or -1. */
  long find(long hash, int length) {
    int mask = keys.length - 1;
    int i = (int) (hash ^ (hash >>> 32)) & mask;
    while (keys[i] != 0) {
      if (keys[i] == hash && lengths[i] == length) {
        return offsets[i];
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  private void grow() {
    long[] k = keys;
    long[] o = offsets;
    int[] l = lengths;
    keys = new long[k.length * 2];
    offsets = new long[k.length * 2];
    lengths = new int[k.length * 2];
    size = 0;
    for (int i = 0; i < k.length; i++) {
      if (k[i] != 0) {
        put(k[i], o[i], l[i]);
      }
    }
  }
}
