package dev.modelfleet.delta.internal.format;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.PatchException.Reason;
import dev.modelfleet.delta.internal.bytes.Le;

/** The 32-byte header of a section. */
public record SectionHeader(
    int kind, int codec, int storedLength, int rawLength, long targetOffset, long targetLength) {

  public boolean isEnd() {
    return kind == PatchFormat.KIND_END;
  }

  public void encodeTo(byte[] b, int off) {
    b[off] = (byte) kind;
    b[off + 1] = (byte) codec;
    b[off + 2] = 0;
    b[off + 3] = 0;
    Le.put32(b, off + 4, storedLength);
    Le.put32(b, off + 8, rawLength);
    Le.put32(b, off + 12, 0);
    Le.put64(b, off + 16, targetOffset);
    Le.put64(b, off + 24, targetLength);
  }

  /**
   * Parses a section header and checks the rules that need no context (kinds, codecs, length
   * limits, reserved fields).
   */
  public static SectionHeader decode(byte[] b, int off) throws PatchException {
    int kind = b[off] & 0xFF;
    int codec = b[off + 1] & 0xFF;
    if (Le.u16(b, off + 2) != 0 || Le.u32(b, off + 12) != 0) {
      throw corrupt("a section header has non-zero reserved bytes");
    }
    long stored = Le.u32(b, off + 4);
    long raw = Le.u32(b, off + 8);
    long targetOffset = Le.u64(b, off + 16);
    long targetLength = Le.u64(b, off + 24);
    if (targetOffset < 0 || targetLength < 0) {
      throw corrupt("a section declares a target offset or length above 2^63-1");
    }
    if (kind == PatchFormat.KIND_END) {
      if (codec != PatchFormat.CODEC_STORED || stored != 0 || raw != 0 || targetLength != 0) {
        throw corrupt("the end section has a payload or a length");
      }
    } else if (kind == PatchFormat.KIND_DATA) {
      if (raw > PatchFormat.MAX_RAW_LENGTH) {
        throw corrupt(
            "a section declares "
                + raw
                + " decoded bytes, more than the format's limit of "
                + PatchFormat.MAX_RAW_LENGTH);
      }
      if (codec == PatchFormat.CODEC_STORED) {
        if (stored != raw) {
          throw corrupt("a stored section has different stored and decoded lengths");
        }
      } else if (codec == PatchFormat.CODEC_ZSTD) {
        if (stored >= raw) {
          throw corrupt("a zstd section is not smaller than its decoded payload");
        }
      } else {
        throw corrupt("a section has the unknown codec " + codec);
      }
      if (targetLength == 0) {
        throw corrupt("a data section produces no output");
      }
    } else {
      throw corrupt("a section has the unknown kind " + kind);
    }
    return new SectionHeader(kind, codec, (int) stored, (int) raw, targetOffset, targetLength);
  }

  private static PatchException corrupt(String message) {
    return new PatchException(Reason.CORRUPT, message);
  }
}
