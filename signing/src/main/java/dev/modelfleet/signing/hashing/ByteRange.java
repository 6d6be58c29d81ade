package dev.modelfleet.signing.hashing;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Bytes {@code [start, end)} of a file.
 *
 * @param file the file
 * @param start first byte, inclusive
 * @param end last byte, exclusive
 */
public record ByteRange(Path file, long start, long end) {
  public ByteRange {
    Objects.requireNonNull(file, "file");
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("invalid range [" + start + ", " + end + ")");
    }
  }

  public long length() {
    return end - start;
  }
}
