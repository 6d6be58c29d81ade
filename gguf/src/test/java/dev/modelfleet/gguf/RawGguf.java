package dev.modelfleet.gguf;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes GGUF bytes field by field, so tests can build files the writer would never produce. */
final class RawGguf {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  static RawGguf header(int version, long tensors, long kvs) {
    return new RawGguf()
        .raw("GGUF".getBytes(StandardCharsets.US_ASCII))
        .u32(version)
        .u64(tensors)
        .u64(kvs);
  }

  RawGguf raw(byte[] b) {
    out.writeBytes(b);
    return this;
  }

  RawGguf u8(int v) {
    out.write(v);
    return this;
  }

  RawGguf u32(long v) {
    for (int i = 0; i < 4; i++) {
      out.write((int) (v >>> (8 * i)));
    }
    return this;
  }

  RawGguf u64(long v) {
    for (int i = 0; i < 8; i++) {
      out.write((int) (v >>> (8 * i)));
    }
    return this;
  }

  RawGguf str(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    return u64(b.length).raw(b);
  }

  /** A key with a UINT32 value. */
  RawGguf kvU32(String key, long v) {
    return str(key).u32(GgufValueType.UINT32.id()).u32(v);
  }

  /** A key with a string value. */
  RawGguf kvStr(String key, String v) {
    return str(key).u32(GgufValueType.STRING.id()).str(v);
  }

  /** A tensor info. */
  RawGguf tensor(String name, int type, long offset, long... dims) {
    str(name).u32(dims.length);
    for (long d : dims) {
      u64(d);
    }
    return u32(type).u64(offset);
  }

  int size() {
    return out.size();
  }

  /** Zero bytes up to the next multiple of {@code alignment}. */
  RawGguf pad(int alignment) {
    while (out.size() % alignment != 0) {
      out.write(0);
    }
    return this;
  }

  RawGguf zeros(int n) {
    out.writeBytes(new byte[n]);
    return this;
  }

  byte[] bytes() {
    return out.toByteArray();
  }
}
