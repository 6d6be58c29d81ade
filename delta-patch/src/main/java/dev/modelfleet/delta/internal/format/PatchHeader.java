package dev.modelfleet.delta.internal.format;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.PatchException.Reason;
import dev.modelfleet.delta.Sha256;
import dev.modelfleet.delta.internal.bytes.Le;
import java.util.Arrays;
import java.util.zip.CRC32C;

/** The 100-byte patch header. */
public record PatchHeader(
    long sourceSize, Sha256 sourceSha256, long targetSize, Sha256 targetSha256) {

  public PatchHeader {
    if (sourceSize < 0) {
      throw new IllegalArgumentException("sourceSize must be >= 0 but was " + sourceSize);
    }
    if (targetSize < 0) {
      throw new IllegalArgumentException("targetSize must be >= 0 but was " + targetSize);
    }
  }

  public byte[] encode() {
    byte[] b = new byte[PatchFormat.HEADER_SIZE];
    System.arraycopy(PatchFormat.MAGIC, 0, b, 0, 8);
    Le.put32(b, 8, PatchFormat.VERSION);
    Le.put32(b, 12, 0);
    Le.put64(b, 16, sourceSize);
    System.arraycopy(sourceSha256.bytes(), 0, b, 24, 32);
    Le.put64(b, 56, targetSize);
    System.arraycopy(targetSha256.bytes(), 0, b, 64, 32);
    Le.put32(b, 96, crc(b, 0, 96));
    return b;
  }

  /**
   * Parses and checks a header: magic, version, CRC, flags, sizes, in that order.
   *
   * @param b the first {@code length} bytes of the patch
   * @param length how many bytes the patch has (fewer than 100 means truncated)
   */
  public static PatchHeader decode(byte[] b, int length) throws PatchException {
    if (length == 0) {
      throw new PatchException(Reason.TRUNCATED, "the patch is empty");
    }
    int prefix = Math.min(length, 8);
    if (!Arrays.equals(b, 0, prefix, PatchFormat.MAGIC, 0, prefix)) {
      throw new PatchException(Reason.NOT_A_PATCH, "not a ModelFleet delta patch (bad magic)");
    }
    if (length < 12) {
      throw new PatchException(Reason.TRUNCATED, "the patch ends inside its header");
    }
    long version = Le.u32(b, 8);
    if (version != PatchFormat.VERSION) {
      throw new PatchException(
          Reason.UNSUPPORTED_VERSION,
          "unsupported delta patch format version "
              + version
              + " (this build reads version "
              + PatchFormat.VERSION
              + ")");
    }
    if (length < PatchFormat.HEADER_SIZE) {
      throw new PatchException(Reason.TRUNCATED, "the patch ends inside its header");
    }
    if (Le.u32(b, 96) != crc(b, 0, 96)) {
      throw new PatchException(Reason.CORRUPT, "the patch header is corrupt (checksum mismatch)");
    }
    long flags = Le.u32(b, 12);
    if (flags != 0) {
      throw new PatchException(
          Reason.UNSUPPORTED_VERSION,
          "the patch uses features this build does not know (flags 0x"
              + Long.toHexString(flags)
              + ")");
    }
    long sourceSize = Le.u64(b, 16);
    long targetSize = Le.u64(b, 56);
    if (sourceSize < 0 || targetSize < 0) {
      throw new PatchException(Reason.CORRUPT, "the patch header declares a size above 2^63-1");
    }
    return new PatchHeader(
        sourceSize,
        Sha256.of(Arrays.copyOfRange(b, 24, 56)),
        targetSize,
        Sha256.of(Arrays.copyOfRange(b, 64, 96)));
  }

  static long crc(byte[] b, int off, int len) {
    CRC32C c = new CRC32C();
    c.update(b, off, len);
    return c.getValue();
  }
}
