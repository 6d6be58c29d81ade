package dev.modelfleet.delta.apply;

/**
 * The output of one section, ready to be written in order: materialized bytes in {@code bytes} and
 * copy ranges still to be read from the source, as a sequence of pieces. Piece {@code i} is a copy
 * of {@code lengths[i]} source bytes from {@code sourceOffsets[i]} if that is {@code >= 0}, else
 * the next {@code lengths[i]} bytes of {@code bytes}.
 */
record DecodedSection(
    int index, long targetLength, byte[] bytes, long[] sourceOffsets, long[] lengths, int pieces) {}
