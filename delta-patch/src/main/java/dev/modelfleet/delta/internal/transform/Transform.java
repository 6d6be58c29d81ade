package dev.modelfleet.delta.internal.transform;

import java.util.Optional;

/** The transforms of patch format version 1, by id. */
public enum Transform {
  XOR(1, new XorCodec()),
  F32(2, new FloatDeltaCodec("F32", 4)),
  F16(3, new FloatDeltaCodec("F16", 2)),
  BF16(4, new FloatDeltaCodec("BF16", 2)),
  Q8_0(5, new Q8_0Codec()),
  Q4_0(6, new Q4_0Codec()),
  Q4_K(7, new Q4_KCodec()),
  Q5_K(8, new Q5_KCodec()),
  Q6_K(9, new Q6_KCodec());

  private final int id;
  private final TransformCodec codec;

  Transform(int id, TransformCodec codec) {
    this.id = id;
    this.codec = codec;
  }

  /** The id written in transform operations. */
  public int id() {
    return id;
  }

  public TransformCodec codec() {
    return codec;
  }

  /** Bytes per element or block. */
  public int unit() {
    return codec.unit();
  }

  /** The transform with this id, or empty if version 1 defines none. */
  public static Optional<Transform> byId(int id) {
    for (Transform t : values()) {
      if (t.id == id) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * The dedicated transform for a ggml type name ({@code "Q8_0"}, {@code "F16"}, …), or empty when
   * the type has none (callers fall back to {@link #XOR}).
   */
  public static Optional<Transform> forGgmlType(String typeName) {
    for (Transform t : values()) {
      if (t != XOR && t.name().equals(typeName)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
