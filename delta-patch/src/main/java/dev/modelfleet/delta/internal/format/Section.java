package dev.modelfleet.delta.internal.format;

import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdException;
import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.PatchException.Reason;
import dev.modelfleet.delta.internal.bytes.BufferPool;
import org.jspecify.annotations.Nullable;

/**
 * A data section as read from a patch: its header and its stored payload ({@code
 * header().storedLength()} bytes at the start of {@code stored}, which may be longer), whose CRC
 * has been checked.
 */
public final class Section {
  private final int index;
  private final SectionHeader header;
  private final byte[] stored;

  public Section(int index, SectionHeader header, byte[] stored) {
    this.index = index;
    this.header = header;
    this.stored = stored;
  }

  /** The section's position in the patch (0 for the first data section). */
  public int index() {
    return index;
  }

  public SectionHeader header() {
    return header;
  }

  /** The array holding the stored payload (it may be longer than the payload). */
  public byte[] stored() {
    return stored;
  }

  /** Bytes of heap this section holds and will hold once decoded. */
  public long footprint() {
    return (long) stored.length
        + (header.codec() == PatchFormat.CODEC_STORED ? 0 : header.rawLength());
  }

  /** The decoded payload: its first {@code header().rawLength()} bytes. */
  public byte[] decode(ZstdDecompressCtx zstd) throws PatchException {
    return decode(zstd, null);
  }

  /**
   * The decoded payload: its first {@code header().rawLength()} bytes. Stored sections return
   * {@code stored} itself; others an array from {@code pool} (or a new one).
   *
   * @throws PatchException (CORRUPT) if the zstd data is invalid or does not decode to exactly the
   *     declared length
   */
  public byte[] decode(ZstdDecompressCtx zstd, @Nullable BufferPool pool) throws PatchException {
    if (header.codec() == PatchFormat.CODEC_STORED) {
      return stored;
    }
    int rawLength = header.rawLength();
    byte[] raw = pool == null ? new byte[rawLength] : pool.take(rawLength);
    int n;
    try {
      n = zstd.decompressByteArray(raw, 0, rawLength, stored, 0, header.storedLength());
    } catch (ZstdException e) {
      if (pool != null) {
        pool.give(raw);
      }
      throw new PatchException(
          Reason.CORRUPT, "section " + index + " does not decompress (" + e.getMessage() + ")", e);
    }
    if (n != rawLength) {
      if (pool != null) {
        pool.give(raw);
      }
      throw new PatchException(
          Reason.CORRUPT,
          "section " + index + " decompresses to " + n + " bytes instead of " + rawLength);
    }
    return raw;
  }
}
