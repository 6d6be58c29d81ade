package dev.modelfleet.delta.internal.format;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.PatchException.Reason;
import dev.modelfleet.delta.internal.transform.Transform;
import org.jspecify.annotations.Nullable;

/**
 * Walks the operations of one decoded section payload, checking every rule of the format that the
 * payload alone and the source size decide: known tags and transforms, canonical varints, lengths
 * within the payload, copy and transform ranges within the source, the section's target length and
 * the materialized-bytes limit. After {@link #next()} returns true, the fields describe the
 * operation; literal bytes and transform payloads are {@code raw[dataOffset, dataOffset +
 * dataLength)}.
 */
public final class OpCursor {
  private final byte[] raw;
  private final int end;
  private final long sourceSize;
  private final long sectionTargetLength;
  private int pos;
  private long produced;
  private long materialized;

  /** The current operation's tag ({@link PatchFormat#OP_COPY} …). */
  public int op;

  /** For transforms. */
  public @Nullable Transform transform;

  public long sourceOffset;
  public long length;

  /** For dictionary literals: the dictionary's length (from {@link #sourceOffset}). */
  public int dictionaryLength;

  public int dataOffset;
  public int dataLength;

  public OpCursor(byte[] raw, int rawLength, long sourceSize, long sectionTargetLength) {
    this.raw = raw;
    this.end = rawLength;
    this.sourceSize = sourceSize;
    this.sectionTargetLength = sectionTargetLength;
  }

  /** Target bytes produced by the operations read so far. */
  public long produced() {
    return produced;
  }

  /**
   * Moves to the next operation.
   *
   * @return false at the end of the payload, once the operations have produced exactly the
   *     section's target length
   */
  public boolean next() throws PatchException {
    if (pos >= end) {
      if (produced != sectionTargetLength) {
        throw corrupt(
            "a section's operations produce "
                + produced
                + " bytes but the section declares "
                + sectionTargetLength);
      }
      return false;
    }
    op = raw[pos++] & 0xFF;
    transform = null;
    dictionaryLength = 0;
    dataOffset = 0;
    dataLength = 0;
    switch (op) {
      case PatchFormat.OP_COPY -> {
        sourceOffset = varint();
        length = positiveVarint();
        checkSourceRange();
      }
      case PatchFormat.OP_LITERAL -> {
        length = positiveVarint();
        if (length > end - pos) {
          throw corrupt("a literal runs past the end of its section");
        }
        dataOffset = pos;
        dataLength = (int) length;
        pos += dataLength;
        materialize();
      }
      case PatchFormat.OP_TRANSFORM -> {
        if (pos >= end) {
          throw corrupt("a transform operation is cut off");
        }
        int id = raw[pos++] & 0xFF;
        Transform t = Transform.byId(id).orElseThrow(() -> corrupt("unknown transform id " + id));
        transform = t;
        sourceOffset = varint();
        length = positiveVarint();
        long payload = varint();
        checkSourceRange();
        if (length % t.unit() != 0) {
          throw corrupt(
              "a " + t + " transform of " + length + " bytes is not a whole number of units");
        }
        if (payload > end - pos) {
          throw corrupt("a transform payload runs past the end of its section");
        }
        dataOffset = pos;
        dataLength = (int) payload;
        pos += dataLength;
        materialize();
      }
      case PatchFormat.OP_DICT_LITERAL -> {
        sourceOffset = varint();
        long dict = positiveVarint();
        length = positiveVarint();
        long payload = varint();
        if (dict > PatchFormat.MAX_DICTIONARY) {
          throw corrupt(
              "a dictionary literal's dictionary exceeds " + PatchFormat.MAX_DICTIONARY + " bytes");
        }
        if (sourceOffset > sourceSize || dict > sourceSize - sourceOffset) {
          throw corrupt("a dictionary literal's dictionary lies beyond the source");
        }
        if (payload > end - pos) {
          throw corrupt("a dictionary literal runs past the end of its section");
        }
        dictionaryLength = (int) dict;
        dataOffset = pos;
        dataLength = (int) payload;
        pos += dataLength;
        materialize();
      }
      default -> throw corrupt("unknown operation tag 0x" + Integer.toHexString(op));
    }
    produced += length;
    if (produced > sectionTargetLength) {
      throw corrupt("a section's operations produce more than the section declares");
    }
    return true;
  }

  private void materialize() throws PatchException {
    materialized += length;
    if (materialized > PatchFormat.MAX_MATERIALIZED) {
      throw corrupt("a section materializes more than " + PatchFormat.MAX_MATERIALIZED + " bytes");
    }
  }

  private void checkSourceRange() throws PatchException {
    if (sourceOffset > sourceSize || length > sourceSize - sourceOffset) {
      throw corrupt(
          "an operation reads source bytes ["
              + sourceOffset
              + ", +"
              + length
              + ") beyond the source's "
              + sourceSize
              + " bytes");
    }
  }

  private long positiveVarint() throws PatchException {
    long v = varint();
    if (v == 0) {
      throw corrupt("an operation has length 0");
    }
    return v;
  }

  private long varint() throws PatchException {
    long v = 0;
    for (int i = 0; i < 10; i++) {
      if (pos >= end) {
        throw corrupt("a varint runs past the end of its section");
      }
      int b = raw[pos++] & 0xFF;
      if (i == 9 && b > 0) {
        // The tenth byte may only carry bit 63, which the format does not allow either.
        throw corrupt("a varint exceeds 2^63-1");
      }
      v |= (long) (b & 0x7F) << (7 * i);
      if ((b & 0x80) == 0) {
        if (b == 0 && i > 0) {
          throw corrupt("a varint is not minimally encoded");
        }
        return v;
      }
    }
    throw corrupt("a varint is longer than 10 bytes");
  }

  private static PatchException corrupt(String message) {
    return new PatchException(Reason.CORRUPT, message);
  }
}
