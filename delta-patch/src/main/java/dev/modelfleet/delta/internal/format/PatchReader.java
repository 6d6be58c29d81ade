package dev.modelfleet.delta.internal.format;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.PatchException.Reason;
import dev.modelfleet.delta.internal.bytes.BufferPool;
import dev.modelfleet.delta.internal.bytes.Le;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32C;
import org.jspecify.annotations.Nullable;

/**
 * Reads a patch front to back: the header, then one section at a time with its CRC checked and its
 * place in the target checked against the previous sections, then the end section and the end of
 * the stream. Never allocates more than one section's stored payload (at most 4 MiB) at a time.
 */
public final class PatchReader {
  private final InputStream in;
  private final byte[] headerBuf = new byte[PatchFormat.SECTION_HEADER_SIZE + 4];
  private @Nullable PatchHeader header;
  private long nextTargetOffset;
  private int sectionIndex;
  private boolean ended;
  private long bytesRead;

  public PatchReader(InputStream in) {
    this.in = in;
  }

  /** Reads and checks the header (the first call only). */
  public PatchHeader readHeader() throws IOException {
    if (header != null) {
      throw new IllegalStateException("header already read");
    }
    byte[] b = new byte[PatchFormat.HEADER_SIZE];
    int n = readFully(b, 0, b.length);
    PatchHeader h = PatchHeader.decode(b, n);
    header = h;
    return h;
  }

  /** Patch bytes consumed so far. */
  public long bytesRead() {
    return bytesRead;
  }

  /**
   * The next data section, or null after the end section (which is checked, as is the end of the
   * stream right after it).
   */
  public @Nullable Section next() throws IOException {
    return next(null);
  }

  /** Like {@link #next()}, with the stored payload in an array from {@code pool}. */
  public @Nullable Section next(@Nullable BufferPool pool) throws IOException {
    PatchHeader h = header;
    if (h == null) {
      throw new IllegalStateException("read the header first");
    }
    if (ended) {
      return null;
    }
    int n = readFully(headerBuf, 0, PatchFormat.SECTION_HEADER_SIZE);
    if (n == 0) {
      throw new PatchException(
          Reason.TRUNCATED,
          "the patch ends after "
              + sectionIndex
              + " sections without its end section (truncated download?)");
    }
    if (n < PatchFormat.SECTION_HEADER_SIZE) {
      throw truncated();
    }
    SectionHeader s = SectionHeader.decode(headerBuf, 0);
    int storedLength = s.storedLength();
    byte[] stored = pool == null ? new byte[storedLength] : pool.take(storedLength);
    if (readFully(stored, 0, storedLength) < storedLength) {
      throw truncated();
    }
    if (readFully(headerBuf, PatchFormat.SECTION_HEADER_SIZE, 4) < 4) {
      throw truncated();
    }
    CRC32C crc = new CRC32C();
    crc.update(headerBuf, 0, PatchFormat.SECTION_HEADER_SIZE);
    crc.update(stored, 0, storedLength);
    if (crc.getValue() != Le.u32(headerBuf, PatchFormat.SECTION_HEADER_SIZE)) {
      throw new PatchException(
          Reason.CORRUPT, "section " + sectionIndex + " is corrupt (checksum mismatch)");
    }
    if (s.targetOffset() != nextTargetOffset) {
      throw new PatchException(
          Reason.CORRUPT,
          "section "
              + sectionIndex
              + " starts at target offset "
              + s.targetOffset()
              + " instead of "
              + nextTargetOffset);
    }
    if (s.targetLength() > h.targetSize() - s.targetOffset()) {
      throw new PatchException(
          Reason.CORRUPT,
          "section " + sectionIndex + " reaches past the target size " + h.targetSize());
    }
    if (s.isEnd()) {
      if (s.targetOffset() != h.targetSize()) {
        throw new PatchException(
            Reason.TRUNCATED,
            "the patch's end section comes after "
                + s.targetOffset()
                + " of "
                + h.targetSize()
                + " target bytes");
      }
      if (in.read() != -1) {
        throw new PatchException(Reason.CORRUPT, "the patch has data after its end section");
      }
      ended = true;
      return null;
    }
    nextTargetOffset += s.targetLength();
    return new Section(sectionIndex++, s, stored);
  }

  private PatchException truncated() {
    return new PatchException(
        Reason.TRUNCATED,
        "the patch ends inside section " + sectionIndex + " (truncated download?)");
  }

  private int readFully(byte[] b, int off, int len) throws IOException {
    int total = 0;
    while (total < len) {
      int n = in.read(b, off + total, len - total);
      if (n < 0) {
        break;
      }
      total += n;
    }
    bytesRead += total;
    return total;
  }
}
