package dev.modelfleet.delta.apply;

/**
 * The output of one section, ready to be written in order: materialized bytes in {@code bytes} and
 * copy ranges still to be read from the source, as a sequence of pieces. Piece {@code i} is a copy
 * of {@code lengths[i]} source bytes from {@code sourceOffsets[i]} if that is {@code >= 0}, else
 * the next {@code lengths[i]} bytes of {@code bytes}. Owns its arrays (not a value).
 */
final class DecodedSection {
  private final byte[] bytes;
  private final long[] sourceOffsets;
  private final long[] lengths;
  private final int pieces;

  DecodedSection(byte[] bytes, long[] sourceOffsets, long[] lengths, int pieces) {
    this.bytes = bytes;
    this.sourceOffsets = sourceOffsets;
    this.lengths = lengths;
    this.pieces = pieces;
  }

  byte[] bytes() {
    return bytes;
  }

  int pieces() {
    return pieces;
  }

  /** The source offset of piece {@code i}, or -1 for materialized bytes. */
  long sourceOffset(int i) {
    return sourceOffsets[i];
  }

  long length(int i) {
    return lengths[i];
  }
}
