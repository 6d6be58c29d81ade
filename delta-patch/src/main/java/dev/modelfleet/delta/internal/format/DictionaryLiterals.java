package dev.modelfleet.delta.internal.format;

import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictContentType;
import com.github.luben.zstd.ZstdException;
import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.PatchException.Reason;

/** zstd with a source range as raw-content dictionary: the dictionary-literal operation. */
public final class DictionaryLiterals {
  private DictionaryLiterals() {}

  /**
   * Compresses {@code data[off, off+len)} against {@code dictionary} at {@code level}.
   *
   * @return the zstd frame
   */
  public static byte[] encode(byte[] dictionary, byte[] data, int off, int len, int level) {
    try (ZstdCompressCtx c = new ZstdCompressCtx()) {
      c.setLevel(level);
      c.setChecksum(false);
      c.setContentSize(true);
      // Reach back over the whole dictionary, like zstd --patch-from.
      c.setWindowLog(Math.max(17, 64 - Long.numberOfLeadingZeros((long) dictionary.length + len)));
      c.loadDict(dictionary, ZstdDictContentType.RAW_CONTENT);
      byte[] src =
          off == 0 && len == data.length
              ? data
              : java.util.Arrays.copyOfRange(data, off, off + len);
      return c.compress(src);
    }
  }

  /**
   * Decodes a dictionary literal's payload into exactly {@code len} bytes at {@code out[at]}.
   *
   * @throws PatchException (CORRUPT) if the payload is not zstd data of that length
   */
  public static void decode(
      byte[] dictionary, byte[] payload, int pOff, int pLen, byte[] out, int at, int len)
      throws PatchException {
    try (ZstdDecompressCtx d = new ZstdDecompressCtx()) {
      d.loadDict(dictionary, ZstdDictContentType.RAW_CONTENT);
      int n;
      try {
        n = d.decompressByteArray(out, at, len, payload, pOff, pLen);
      } catch (ZstdException e) {
        throw new PatchException(
            Reason.CORRUPT, "a dictionary literal does not decompress (" + e.getMessage() + ")", e);
      }
      if (n != len) {
        throw new PatchException(
            Reason.CORRUPT,
            "a dictionary literal decompresses to " + n + " bytes instead of " + len);
      }
    }
  }
}
