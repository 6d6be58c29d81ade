package dev.modelfleet.delta.create;

import org.jspecify.annotations.Nullable;

/**
 * What one encoding task produced for the target range {@code [targetOffset, +targetLength)}:
 * either a finished section or a copy from {@code copySource} that the writer may merge with its
 * neighbours. Owns its array (not a value).
 */
final class Encoded {
  private final long targetOffset;
  private final long targetLength;
  private final byte @Nullable [] section;
  private final long copySource;
  private final OpTally tally;

  private Encoded(
      long targetOffset,
      long targetLength,
      byte @Nullable [] section,
      long copySource,
      OpTally tally) {
    this.targetOffset = targetOffset;
    this.targetLength = targetLength;
    this.section = section;
    this.copySource = copySource;
    this.tally = tally;
  }

  static Encoded section(long targetOffset, long targetLength, byte[] section, OpTally tally) {
    return new Encoded(targetOffset, targetLength, section, -1, tally);
  }

  static Encoded copy(long sourceOffset, long targetOffset, long length) {
    return new Encoded(targetOffset, length, null, sourceOffset, new OpTally());
  }

  long targetOffset() {
    return targetOffset;
  }

  long targetLength() {
    return targetLength;
  }

  /** The encoded section, or null for a copy. */
  byte @Nullable [] section() {
    return section;
  }

  long copySource() {
    return copySource;
  }

  OpTally tally() {
    return tally;
  }
}
