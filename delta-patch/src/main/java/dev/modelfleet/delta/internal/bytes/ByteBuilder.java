package dev.modelfleet.delta.internal.bytes;

import java.util.Arrays;

/** A growable byte array for building patch payloads. Not thread-safe. */
public final class ByteBuilder {
  private byte[] buf;
  private int size;

  public ByteBuilder(int initialCapacity) {
    if (initialCapacity < 0) {
      throw new IllegalArgumentException("initialCapacity must be >= 0 but was " + initialCapacity);
    }
    buf = new byte[Math.max(16, initialCapacity)];
  }

  public int size() {
    return size;
  }

  /** The internal array; valid bytes are {@code [0, size())}. */
  public byte[] array() {
    return buf;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  public void clear() {
    size = 0;
  }

  /** Makes room for {@code n} more bytes and returns the offset where they start. */
  public int reserve(int n) {
    ensure(n);
    int at = size;
    size += n;
    return at;
  }

  public void write(int b) {
    ensure(1);
    buf[size++] = (byte) b;
  }

  public void write(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  /** Appends {@code v} as an unsigned LEB128 varint ({@code v} must be >= 0). */
  public void writeVarint(long v) {
    if (v < 0) {
      throw new IllegalArgumentException("varint must be >= 0 but was " + v);
    }
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  private void ensure(int n) {
    if (n > buf.length - size) {
      long want = Math.max((long) buf.length * 2, (long) size + n);
      if (want > Integer.MAX_VALUE - 8) {
        want = Integer.MAX_VALUE - 8;
        if (want - size < n) {
          throw new OutOfMemoryError("payload too large");
        }
      }
      buf = Arrays.copyOf(buf, (int) want);
    }
  }
}
