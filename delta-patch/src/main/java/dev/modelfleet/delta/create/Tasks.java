package dev.modelfleet.delta.create;

import dev.modelfleet.delta.internal.bytes.ByteBuilder;
import dev.modelfleet.delta.internal.cdc.CdcMatcher;
import dev.modelfleet.delta.internal.cdc.GearChunker;
import dev.modelfleet.delta.internal.cdc.MatchSink;
import dev.modelfleet.delta.internal.concurrent.Futures;
import dev.modelfleet.delta.internal.format.DictionaryLiterals;
import dev.modelfleet.delta.internal.format.OpWriter;
import dev.modelfleet.delta.internal.format.PatchFormat;
import dev.modelfleet.delta.internal.format.SectionWriter;
import dev.modelfleet.delta.internal.transform.Transform;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** The encoding tasks: what runs on the pool for each piece of the plan. */
final class Tasks {
  /**
   * A transform whose compressed section is larger than this share of the plain bytes is compared
   * with a zstd literal of the same bytes (the smaller wins): unrelated data compresses better
   * plainly than as a difference.
   */
  static final double TRY_LITERAL_ABOVE = 0.80;

  private final FileChannel source;
  private final FileChannel target;
  private final HashingReader sourceReader;
  private final HashingReader targetReader;
  private final PieceArrays pieces;
  private final BlockingQueue<Compressors> compressors;
  private final int level;

  /**
   * Tasks over this pair. {@code sourceReader} and {@code targetReader} read the tensor pieces on
   * the planner's thread (hashing the files on the way); the pieces' arrays come from and go back
   * to {@code pieces}.
   */
  Tasks(
      FileChannel source,
      FileChannel target,
      HashingReader sourceReader,
      HashingReader targetReader,
      PieceArrays pieces,
      BlockingQueue<Compressors> compressors,
      int level) {
    this.source = source;
    this.target = target;
    this.sourceReader = sourceReader;
    this.targetReader = targetReader;
    this.pieces = pieces;
    this.compressors = compressors;
    this.level = level;
  }

  /** One ranged operation of a generic batch: a copy, or a literal if {@code sourceOffset < 0}. */
  record Op(long sourceOffset, long targetOffset, long length) {}

  /**
   * A section made of copies and literals; the literal bytes are read from the target. The ops must
   * cover {@code [targetOffset, targetOffset + sum of lengths)} in order.
   */
  Callable<Encoded> ops(List<Op> ops) {
    List<Op> list = List.copyOf(ops);
    return () -> {
      Compressors c = take();
      try {
        long start = list.get(0).targetOffset();
        long total = 0;
        int literalBytes = 0;
        for (Op op : list) {
          total += op.length();
          if (op.sourceOffset() < 0) {
            literalBytes = Math.max(literalBytes, (int) op.length());
          }
        }
        ByteBuilder raw = c.raw;
        raw.clear();
        byte[] buf = c.neu(literalBytes);
        OpTally tally = new OpTally();
        for (Op op : list) {
          if (op.sourceOffset() >= 0) {
            OpWriter.copy(raw, op.sourceOffset(), op.length());
            tally.add(OpTally.COPY, op.length());
          } else {
            int len = (int) op.length();
            readFully(target, op.targetOffset(), buf, 0, len);
            OpWriter.literal(raw, buf, 0, len);
            tally.add(OpTally.LITERAL, len);
          }
        }
        byte[] section =
            SectionWriter.data(raw.array(), raw.size(), start, total, c.literal, c.section);
        return Encoded.section(start, total, section, tally);
      } finally {
        compressors.add(c);
      }
    };
  }

  /**
   * What the first piece of a tensor found (a transform, or a literal because the tensor's data is
   * unrelated to its old version), for the tensor's other pieces: they then skip the transform and
   * so compress each section once, not twice. Decided by the first piece alone, so the patch does
   * not depend on thread timing.
   */
  static final class TensorVerdict {
    private final CompletableFuture<Boolean> literalWins = new CompletableFuture<>();

    boolean literalWins() throws IOException {
      return Futures.await(literalWins, "encoding");
    }

    void decide(boolean literal) {
      literalWins.complete(literal);
    }

    void fail(Throwable e) {
      literalWins.completeExceptionally(e);
    }
  }

  /**
   * A piece of a tensor present in both files with the same type and shape: a copy if the bytes are
   * equal, else a transform (or a literal, if smaller). Both versions of the piece are read here,
   * on the caller's thread and in plan order (which is what lets the readers hash the files on the
   * way); the task compares and encodes them. The first piece of a tensor ({@code first}) decides
   * {@code verdict}; the others wait for it (before taking a compressor: the first piece, queued
   * earlier, always runs first) and go straight to a literal if it chose one.
   */
  Callable<Encoded> tensorChunk(
      Transform transform,
      long sourceOffset,
      long targetOffset,
      int length,
      TensorVerdict verdict,
      boolean first)
      throws IOException {
    byte[] neu = pieces.take(length);
    byte[] old;
    try {
      old = pieces.take(length);
    } catch (IOException e) {
      pieces.give(neu);
      throw e;
    }
    try {
      targetReader.read(targetOffset, neu, length);
      sourceReader.read(sourceOffset, old, length);
    } catch (IOException | RuntimeException e) {
      pieces.give(neu);
      pieces.give(old);
      if (first) {
        verdict.fail(e);
      }
      throw e;
    }
    return () -> {
      try {
        boolean literalOnly = !first && verdict.literalWins();
        return tensorChunk(
            transform,
            sourceOffset,
            targetOffset,
            length,
            old,
            neu,
            literalOnly,
            first ? verdict : null);
      } catch (Exception e) {
        if (first) {
          verdict.fail(e);
        }
        throw e;
      } finally {
        pieces.give(neu);
        pieces.give(old);
        if (first) {
          verdict.decide(false); // no effect if it was decided (or failed) already
        }
      }
    };
  }

  private Encoded tensorChunk(
      Transform transform,
      long sourceOffset,
      long targetOffset,
      int length,
      byte[] old,
      byte[] neu,
      boolean literalOnly,
      @Nullable TensorVerdict decides)
      throws IOException {
    if (Arrays.equals(neu, 0, length, old, 0, length)) {
      return Encoded.copy(sourceOffset, targetOffset, length);
    }
    Compressors c = take();
    try {
      ByteBuilder raw = c.raw;
      OpTally tally = new OpTally();
      if (!literalOnly) {
        raw.clear();
        OpWriter.transform(raw, transform, sourceOffset, old, 0, neu, 0, length, c.payload);
        byte[] section =
            SectionWriter.data(
                raw.array(),
                raw.size(),
                targetOffset,
                length,
                c.residualFor(raw.array(), raw.size()),
                c.section);
        if (section.length <= TRY_LITERAL_ABOVE * length) {
          tally.add("transform:" + transform.name(), length);
          return Encoded.section(targetOffset, length, section, tally);
        }
        raw.clear();
        OpWriter.literal(raw, neu, 0, length);
        byte[] literal =
            SectionWriter.data(raw.array(), raw.size(), targetOffset, length, c.literal, c.section);
        if (literal.length >= section.length) {
          tally.add("transform:" + transform.name(), length);
          return Encoded.section(targetOffset, length, section, tally);
        }
        if (decides != null) {
          decides.decide(true);
        }
        tally.add(OpTally.LITERAL, length);
        return Encoded.section(targetOffset, length, literal, tally);
      }
      raw.clear();
      OpWriter.literal(raw, neu, 0, length);
      tally.add(OpTally.LITERAL, length);
      return Encoded.section(
          targetOffset,
          length,
          SectionWriter.data(raw.array(), raw.size(), targetOffset, length, c.literal, c.section),
          tally);
    } finally {
      compressors.add(c);
    }
  }

  /**
   * The target's first {@code targetLength} bytes (at most 4 MiB: a GGUF header with metadata and
   * tensor table) as one section: either chunk-matched copies and literals against the source's
   * first {@code sourceLength} bytes, or one dictionary literal compressed against them, whichever
   * is smaller.
   */
  Callable<Encoded> header(long sourceLength, int targetLength, GearChunker chunker) {
    return () -> {
      Compressors c = take();
      try {
        OpTally chunked = new OpTally();
        ByteBuilder raw = c.raw;
        raw.clear();
        byte[] buf = c.neu(targetLength);
        readFully(target, 0, buf, 0, targetLength);
        CdcMatcher.index(source, 0, sourceLength, target, chunker)
            .match(
                0,
                targetLength,
                new MatchSink() {
                  @Override
                  public void copy(long sourceOffset, long targetOffset, long length) {
                    OpWriter.copy(raw, sourceOffset, length);
                    chunked.add(OpTally.COPY, length);
                  }

                  @Override
                  public void literal(long targetOffset, long length) {
                    OpWriter.literal(raw, buf, (int) targetOffset, (int) length);
                    chunked.add(OpTally.LITERAL, length);
                  }
                });
        byte[] best =
            SectionWriter.data(raw.array(), raw.size(), 0, targetLength, c.literal, c.section);
        OpTally tally = chunked;
        int dictLength = (int) Math.min(sourceLength, PatchFormat.MAX_DICTIONARY);
        if (dictLength > 0) {
          byte[] dict = new byte[dictLength];
          readFully(source, 0, dict, 0, dictLength);
          byte[] payload = DictionaryLiterals.encode(dict, buf, 0, targetLength, level);
          raw.clear();
          OpWriter.dictionaryLiteral(raw, 0, dictLength, targetLength, payload, 0, payload.length);
          byte[] section =
              SectionWriter.data(raw.array(), raw.size(), 0, targetLength, null, c.section);
          if (section.length < best.length) {
            best = section;
            tally = new OpTally();
            tally.add(OpTally.DICTIONARY_LITERAL, targetLength);
          }
        }
        return Encoded.section(0, targetLength, best, tally);
      } finally {
        compressors.add(c);
      }
    };
  }

  private Compressors take() throws InterruptedIOException {
    try {
      return compressors.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while encoding");
    }
  }

  static void readFully(FileChannel ch, long pos, byte[] dst, int off, int len) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(dst, off, len);
    long p = pos;
    while (bb.hasRemaining()) {
      int n = ch.read(bb, p);
      if (n < 0) {
        throw new EOFException("file ended at " + p + " (changed while encoding?)");
      }
      p += n;
    }
  }
}
