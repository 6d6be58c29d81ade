package dev.modelfleet.gguf;

import java.util.List;

/**
 * A tensor to write: its name, element type and dimensions (ggml order: {@code dims.get(0)} is the
 * row length, the fastest-varying dimension).
 *
 * @param name the tensor's name, unique in its file
 * @param type the element type
 * @param dims 1 to 4 dimensions, each at least 1; the first a multiple of the type's block size
 */
public record GgufTensorSpec(String name, GgmlType type, List<Long> dims) {
  /** ggml's {@code GGML_MAX_DIMS}. */
  public static final int MAX_DIMS = 4;

  /**
   * @throws IllegalArgumentException if the dimensions are not 1 to 4 positive numbers, the first
   *     is not a multiple of the type's block size, or the byte size overflows a {@code long}
   */
  public GgufTensorSpec {
    dims = List.copyOf(dims);
    if (dims.isEmpty() || dims.size() > MAX_DIMS) {
      throw new IllegalArgumentException(
          "tensor '" + name + "' must have 1 to " + MAX_DIMS + " dimensions, not " + dims.size());
    }
    long elements = 1;
    for (long d : dims) {
      if (d < 1) {
        throw new IllegalArgumentException(
            "tensor '" + name + "' has a dimension of " + d + "; each must be at least 1");
      }
      try {
        elements = Math.multiplyExact(elements, d);
      } catch (ArithmeticException e) {
        throw new IllegalArgumentException("tensor '" + name + "' has too many elements", e);
      }
    }
    if (dims.get(0) % type.blockSize() != 0) {
      throw new IllegalArgumentException(
          "tensor '"
              + name
              + "' has rows of "
              + dims.get(0)
              + " elements, not a multiple of "
              + type
              + "'s block size "
              + type.blockSize());
    }
    try {
      type.byteSize(elements);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("tensor '" + name + "' is too large", e);
    }
  }

  /** A tensor with these dimensions. */
  public static GgufTensorSpec of(String name, GgmlType type, long... dims) {
    Long[] boxed = new Long[dims.length];
    for (int i = 0; i < dims.length; i++) {
      boxed[i] = dims[i];
    }
    return new GgufTensorSpec(name, type, List.of(boxed));
  }

  /** The number of elements (product of the dimensions). */
  public long elementCount() {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  /** The number of bytes the tensor's data takes. */
  public long byteSize() {
    return type.byteSize(elementCount());
  }

  /** The row length: elements in the first dimension. */
  public long rowLength() {
    return dims.get(0);
  }

  /** The number of rows: the element count divided by the row length. */
  public long rowCount() {
    return elementCount() / dims.get(0);
  }
}
