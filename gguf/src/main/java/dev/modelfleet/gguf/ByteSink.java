package dev.modelfleet.gguf;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable little-endian byte buffer for encoding headers. */
final class ByteSink {
  private byte[] buf = new byte[4096];
  private int size;

  void put(byte[] b) {
    ensure(b.length);
    System.arraycopy(b, 0, buf, size, b.length);
    size += b.length;
  }

  void putByte(int v) {
    ensure(1);
    buf[size++] = (byte) v;
  }

  void putInt(int v) {
    ensure(4);
    for (int i = 0; i < 4; i++) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
  }

  void putLong(long v) {
    ensure(8);
    for (int i = 0; i < 8; i++) {
      buf[size++] = (byte) (v >>> (8 * i));
    }
  }

  void putString(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    putLong(b.length);
    put(b);
  }

  void padTo(int alignment) {
    while (size % alignment != 0) {
      putByte(0);
    }
  }

  int size() {
    return size;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  private void ensure(int n) {
    if (size + n > buf.length) {
      long want = Math.max((long) buf.length * 2, (long) size + n);
      if (want > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("GGUF header larger than 2 GiB");
      }
      buf = Arrays.copyOf(buf, (int) want);
    }
  }
}
