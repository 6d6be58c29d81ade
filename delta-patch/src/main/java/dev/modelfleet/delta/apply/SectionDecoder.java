package dev.modelfleet.delta.apply;

import com.github.luben.zstd.ZstdDecompressCtx;
import dev.modelfleet.delta.internal.bytes.BufferPool;
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

  /**
   * Decodes {@code section}; its stored array goes back to {@code pool}, the returned bytes come
   * from it (the writer gives them back).
   */
  static DecodedSection decode(
      Section section, ZstdDecompressCtx zstd, FileChannel source, long sourceSize, BufferPool pool)
      throws IOException {
    byte[] raw;
    try {
      raw = section.decode(zstd, pool);
    } finally {
      if (section.header().codec() != PatchFormat.CODEC_STORED) {
        pool.give(section.stored());
      }
    }
    try {
      return run(section, raw, source, sourceSize, pool);
    } finally {
      pool.give(raw);
    }
  }

  private static DecodedSection run(
      Section section, byte[] raw, FileChannel source, long sourceSize, BufferPool pool)
      throws IOException {
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

    byte[] out = pool.take(materialized);
    long[] sourceOffsets = new long[pieces];
    long[] lengths = new long[pieces];
    OpCursor op = new OpCursor(raw, rawLength, sourceSize, targetLength);
    try {
      fill(op, out, sourceOffsets, lengths, source, raw);
    } catch (IOException | RuntimeException e) {
      pool.give(out);
      throw e;
    }
    return new DecodedSection(out, sourceOffsets, lengths, pieces);
  }

  private static void fill(
      OpCursor op, byte[] out, long[] sourceOffsets, long[] lengths, FileChannel source, byte[] raw)
      throws IOException {
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
        case PatchFormat.OP_DICT_LITERAL -> {
          sourceOffsets[i] = -1;
          int len = (int) op.length;
          byte[] dict = new byte[op.dictionaryLength];
          readFully(source, op.sourceOffset, dict, 0, dict.length);
          dev.modelfleet.delta.internal.format.DictionaryLiterals.decode(
              dict, raw, op.dataOffset, op.dataLength, out, at, len);
          at += len;
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
  }

  /** Positional read of exactly {@code len} bytes (the source size was checked up front). */
  static void readFully(FileChannel ch, long position, byte[] dst, int off, int len)
      throws IOException {
    readFully(ch, position, ByteBuffer.wrap(dst, off, len));
  }

  /** Positional read of exactly the remaining bytes of {@code bb}. */
  static void readFully(FileChannel ch, long position, ByteBuffer bb) throws IOException {
    int len = bb.remaining();
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
