package dev.modelfleet.delta.internal.format;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.PatchException.Reason;

/**
 * A data section as read from a patch: its header and its stored payload, whose CRC has been
 * checked.
 */
public record Section(int index, SectionHeader header, byte[] stored) {

  /** Bytes of heap this section holds and will hold once decoded. */
  public long footprint() {
    return (long) stored.length
        + (header.codec() == PatchFormat.CODEC_STORED ? 0 : header.rawLength());
  }

  /**
   * The decoded payload ({@code header().rawLength()} bytes).
   *
   * @throws PatchException (CORRUPT) if the zstd data is invalid or does not decode to exactly the
   *     declared length
   */
  public byte[] decode(ZstdDecompressCtx zstd) throws PatchException {
    if (header.codec() == PatchFormat.CODEC_STORED) {
      return stored;
    }
    byte[] raw = new byte[header.rawLength()];
    int n;
    try {
      n = zstd.decompressByteArray(raw, 0, raw.length, stored, 0, stored.length);
    } catch (ZstdException e) {
      throw new PatchException(
          Reason.CORRUPT, "section " + index + " does not decompress (" + e.getMessage() + ")", e);
    }
    if (n != raw.length) {
      throw new PatchException(
          Reason.CORRUPT,
          "section " + index + " decompresses to " + n + " bytes instead of " + raw.length);
    }
    return raw;
  }
}
