package dev.modelfleet.gguf;

import java.util.List;

/**
 * A tensor as laid out in a GGUF file.
 *
 * @param name the tensor's name
 * @param type the element type
 * @param dims the dimensions in ggml order (first = row length)
 * @param relativeOffset where the data starts, relative to the file's data section (as stored)
 * @param absoluteOffset where the data starts in the file
 * @param byteSize how many bytes the data takes
 */
public record GgufTensorInfo(
    String name,
    GgmlType type,
    List<Long> dims,
    long relativeOffset,
    long absoluteOffset,
    long byteSize) {

  public GgufTensorInfo {
    dims = List.copyOf(dims);
  }

  /** The name, type and dimensions (without the layout). */
  public GgufTensorSpec spec() {
    return new GgufTensorSpec(name, type, dims);
  }

  /** The number of elements. */
  public long elementCount() {
    long n = 1;
    for (long d : dims) {
      n *= d;
    }
    return n;
  }

  /** The first byte after the data ({@code absoluteOffset + byteSize}). */
  public long endOffset() {
    return absoluteOffset + byteSize;
  }
}
