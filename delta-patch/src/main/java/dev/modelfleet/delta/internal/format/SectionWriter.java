package dev.modelfleet.delta.internal.format;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdException;
import dev.modelfleet.delta.internal.bytes.ByteBuilder;
import dev.modelfleet.delta.internal.bytes.Le;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/** Builds encoded sections (header, payload, CRC). */
public final class SectionWriter {
  private SectionWriter() {}

  /**
   * A data section for the decoded payload {@code raw[0, rawLength)}: zstd-compressed with {@code
   * zstd} when that makes it smaller, else stored.
   *
   * @throws IllegalArgumentException if the payload is longer than the format allows or the target
   *     length is not positive
   */
  public static byte[] data(
      byte[] raw,
      int rawLength,
      long targetOffset,
      long targetLength,
      @Nullable ZstdCompressCtx zstd) {
    return data(raw, rawLength, targetOffset, targetLength, zstd, new ByteBuilder(0));
  }

  /**
   * Like {@link #data(byte[], int, long, long, ZstdCompressCtx)}, building the section in {@code
   * scratch} (reused between calls) and returning an exact-size copy.
   */
  public static byte[] data(
      byte[] raw,
      int rawLength,
      long targetOffset,
      long targetLength,
      @Nullable ZstdCompressCtx zstd,
      ByteBuilder scratch) {
    if (rawLength > PatchFormat.MAX_RAW_LENGTH) {
      throw new IllegalArgumentException(
          "a section payload may have at most " + PatchFormat.MAX_RAW_LENGTH + " bytes");
    }
    if (targetLength <= 0) {
      throw new IllegalArgumentException("targetLength must be > 0 but was " + targetLength);
    }
    int h = PatchFormat.SECTION_HEADER_SIZE;
    scratch.clear();
    scratch.reserve(h + rawLength + PatchFormat.SECTION_CRC_SIZE);
    byte[] out = scratch.array();
    int stored = -1;
    if (zstd != null && rawLength > 0) {
      try {
        // Room for rawLength - 1 bytes only: a payload zstd does not shrink is stored instead.
        stored = zstd.compressByteArray(out, h, rawLength - 1, raw, 0, rawLength);
      } catch (ZstdException e) {
        stored = -1;
      }
    }
    int codec = PatchFormat.CODEC_ZSTD;
    if (stored < 0) {
      System.arraycopy(raw, 0, out, h, rawLength);
      stored = rawLength;
      codec = PatchFormat.CODEC_STORED;
    }
    new SectionHeader(PatchFormat.KIND_DATA, codec, stored, rawLength, targetOffset, targetLength)
        .encodeTo(out, 0);
    putCrc(out, h + stored);
    return Arrays.copyOf(out, h + stored + PatchFormat.SECTION_CRC_SIZE);
  }

  /** The end section of a patch whose target has {@code targetSize} bytes. */
  public static byte[] end(long targetSize) {
    byte[] out = new byte[PatchFormat.SECTION_HEADER_SIZE + PatchFormat.SECTION_CRC_SIZE];
    new SectionHeader(PatchFormat.KIND_END, PatchFormat.CODEC_STORED, 0, 0, targetSize, 0)
        .encodeTo(out, 0);
    putCrc(out, PatchFormat.SECTION_HEADER_SIZE);
    return out;
  }

  private static void putCrc(byte[] out, int crcAt) {
    CRC32C crc = new CRC32C();
    crc.update(out, 0, crcAt);
    Le.put32(out, crcAt, crc.getValue());
  }
}
