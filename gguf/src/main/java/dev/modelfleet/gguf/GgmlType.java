package dev.modelfleet.gguf;

import java.util.Optional;

/**
 * The ggml tensor element types that llama.cpp defines, with their GGUF type ids, the number of
 * elements per block and the bytes each block takes. Ids that ggml has retired (4, 5, 31–33, 36–38)
 * have no constant: a file that uses them is rejected as having an unknown type id.
 */
public enum GgmlType {
  F32(0, 1, 4),
  F16(1, 1, 2),
  Q4_0(2, 32, 18),
  Q4_1(3, 32, 20),
  Q5_0(6, 32, 22),
  Q5_1(7, 32, 24),
  Q8_0(8, 32, 34),
  Q8_1(9, 32, 36),
  Q2_K(10, 256, 84),
  Q3_K(11, 256, 110),
  Q4_K(12, 256, 144),
  Q5_K(13, 256, 176),
  Q6_K(14, 256, 210),
  Q8_K(15, 256, 292),
  IQ2_XXS(16, 256, 66),
  IQ2_XS(17, 256, 74),
  IQ3_XXS(18, 256, 98),
  IQ1_S(19, 256, 50),
  IQ4_NL(20, 32, 18),
  IQ3_S(21, 256, 110),
  IQ2_S(22, 256, 82),
  IQ4_XS(23, 256, 136),
  I8(24, 1, 1),
  I16(25, 1, 2),
  I32(26, 1, 4),
  I64(27, 1, 8),
  F64(28, 1, 8),
  IQ1_M(29, 256, 56),
  BF16(30, 1, 2),
  TQ1_0(34, 256, 54),
  TQ2_0(35, 256, 66),
  MXFP4(39, 32, 17);

  private static final GgmlType[] BY_ID = new GgmlType[40];

  static {
    for (GgmlType t : values()) {
      BY_ID[t.id] = t;
    }
  }

  private final int id;
  private final int blockSize;
  private final int bytesPerBlock;

  GgmlType(int id, int blockSize, int bytesPerBlock) {
    this.id = id;
    this.blockSize = blockSize;
    this.bytesPerBlock = bytesPerBlock;
  }

  /** The type's id in GGUF tensor infos ({@code enum ggml_type}). */
  public int id() {
    return id;
  }

  /** Elements per block: 1 for plain types, 32 or 256 for quantized ones. */
  public int blockSize() {
    return blockSize;
  }

  /** Bytes one block takes in the file. */
  public int bytesPerBlock() {
    return bytesPerBlock;
  }

  /** Whether elements are stored in blocks of more than one (with shared scales). */
  public boolean isQuantized() {
    return blockSize > 1;
  }

  /** The type with this id, or empty for ids ggml does not define (or has retired). */
  public static Optional<GgmlType> byId(long id) {
    if (id < 0 || id >= BY_ID.length) {
      return Optional.empty();
    }
    return Optional.ofNullable(BY_ID[(int) id]);
  }

  /** The type with this name ({@code "Q8_0"}, case-insensitive), or empty. */
  public static Optional<GgmlType> byName(String name) {
    for (GgmlType t : values()) {
      if (t.name().equalsIgnoreCase(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /**
   * Bytes that {@code elements} elements take.
   *
   * @throws IllegalArgumentException if {@code elements} is negative or not a multiple of {@link
   *     #blockSize()}
   * @throws ArithmeticException if the size does not fit in a {@code long}
   */
  public long byteSize(long elements) {
    if (elements < 0) {
      throw new IllegalArgumentException("element count must be >= 0 but was " + elements);
    }
    if (elements % blockSize != 0) {
      throw new IllegalArgumentException(
          name()
              + " stores elements in blocks of "
              + blockSize
              + ", but "
              + elements
              + " is not a multiple of it");
    }
    return Math.multiplyExact(elements / blockSize, (long) bytesPerBlock);
  }

  /**
   * Bytes of one row of {@code rowLength} elements (the first dimension).
   *
   * @throws IllegalArgumentException if {@code rowLength} is not a multiple of {@link #blockSize()}
   */
  public long rowSize(long rowLength) {
    return byteSize(rowLength);
  }
}
