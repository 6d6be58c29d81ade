package dev.modelfleet.delta.create;

import org.jspecify.annotations.Nullable;

/**
 * What one encoding task produced for the target range {@code [targetOffset, +targetLength)}:
 * either a finished section or a copy from {@code copySource} that the writer may merge with its
 * neighbours.
 */
record Encoded(
    long targetOffset,
    long targetLength,
    byte @Nullable [] section,
    long copySource,
    OpTally tally) {

  static Encoded section(long targetOffset, long targetLength, byte[] section, OpTally tally) {
    return new Encoded(targetOffset, targetLength, section, -1, tally);
  }

  static Encoded copy(long sourceOffset, long targetOffset, long length) {
    return new Encoded(targetOffset, length, null, sourceOffset, new OpTally());
  }
}
