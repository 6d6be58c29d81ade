package dev.modelfleet.delta.internal.transform;

import java.util.Optional;

/** The transforms of patch format version 1, by id. */
public enum Transform {
  XOR(1),
  F32(2),
  F16(3),
  BF16(4),
  Q8_0(5),
  Q4_0(6),
  Q4_K(7),
  Q5_K(8),
  Q6_K(9);

  private final int id;

  Transform(int id) {
    this.id = id;
  }

  /** The id written in transform operations. */
  public int id() {
    return id;
  }

  /** The (stateless, shared) encoder and decoder of this transform. */
  public TransformCodec codec() {
    return switch (this) {
      case XOR -> Codecs.XOR;
      case F32 -> Codecs.F32;
      case F16 -> Codecs.F16;
      case BF16 -> Codecs.BF16;
      case Q8_0 -> Codecs.Q8_0;
      case Q4_0 -> Codecs.Q4_0;
      case Q4_K -> Codecs.Q4_K;
      case Q5_K -> Codecs.Q5_K;
      case Q6_K -> Codecs.Q6_K;
    };
  }

  /** Bytes per element or block. */
  public int unit() {
    return codec().unit();
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

  /** The codecs, kept out of the enum's fields. */
  private static final class Codecs {
    static final TransformCodec XOR = new XorCodec();
    static final TransformCodec F32 = new FloatDeltaCodec("F32", 4);
    static final TransformCodec F16 = new FloatDeltaCodec("F16", 2);
    static final TransformCodec BF16 = new FloatDeltaCodec("BF16", 2);
    static final TransformCodec Q8_0 = new Q8_0Codec();
    static final TransformCodec Q4_0 = new Q4_0Codec();
    static final TransformCodec Q4_K = new Q4_KCodec();
    static final TransformCodec Q5_K = new Q5_KCodec();
    static final TransformCodec Q6_K = new Q6_KCodec();

    private Codecs() {}
  }
}
