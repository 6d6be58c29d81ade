package dev.modelfleet.delta.apply;

import com.github.luben.zstd.ZstdDecompressCtx;
import dev.modelfleet.delta.internal.format.OpCursor;
import dev.modelfleet.delta.internal.format.PatchFormat;
import dev.modelfleet.delta.internal.format.Section;
import dev.modelfleet.delta.internal.transform.Transform;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Decodes one section: decompresses it, checks its operations and runs literals and transforms. */
final class SectionDecoder {
  private SectionDecoder() {}

  static DecodedSection decode(
      Section section, ZstdDecompressCtx zstd, FileChannel source, long sourceSize)
      throws IOException {
    byte[] raw = section.decode(zstd);
    int rawLength = section.header().rawLength();
    long targetLength = section.header().targetLength();

    // First pass: check every operation and size the buffers before running any of them.
    OpCursor check = new OpCursor(raw, rawLength, sourceSize, targetLength);
    int pieces = 0;
    int materialized = 0;
    while (check.next()) {
      pieces++;
      if (check.op != PatchFormat.OP_COPY) {
        materialized += (int) check.length;
      }
    }

    byte[] out = new byte[materialized];
    long[] sourceOffsets = new long[pieces];
    long[] lengths = new long[pieces];
    OpCursor op = new OpCursor(raw, rawLength, sourceSize, targetLength);
    int at = 0;
    int i = 0;
    while (op.next()) {
      lengths[i] = op.length;
      switch (op.op) {
        case PatchFormat.OP_COPY -> sourceOffsets[i] = op.sourceOffset;
        case PatchFormat.OP_LITERAL -> {
          sourceOffsets[i] = -1;
          System.arraycopy(raw, op.dataOffset, out, at, op.dataLength);
          at += op.dataLength;
        }
        default -> {
          sourceOffsets[i] = -1;
          int len = (int) op.length;
          readFully(source, op.sourceOffset, out, at, len);
          Transform t = op.transform;
          if (t == null) {
            throw new IllegalStateException("transform without a transform id");
          }
          t.codec().apply(out, at, len, raw, op.dataOffset, op.dataLength);
          at += len;
        }
      }
      i++;
    }
    return new DecodedSection(section.index(), targetLength, out, sourceOffsets, lengths, pieces);
  }

  /** Positional read of exactly {@code len} bytes (the source size was checked up front). */
  static void readFully(FileChannel ch, long position, byte[] dst, int off, int len)
      throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(dst, off, len);
    long pos = position;
    while (bb.hasRemaining()) {
      int n = ch.read(bb, pos);
      if (n < 0) {
        throw new IOException(
            "the source ended at "
                + pos
                + " while reading ["
                + position
                + ", +"
                + len
                + "); was it changed during apply?");
      }
      pos += n;
    }
  }
}
