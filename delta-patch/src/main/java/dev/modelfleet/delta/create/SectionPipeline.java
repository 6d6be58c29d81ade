package dev.modelfleet.delta.create;

import com.github.luben.zstd.ZstdCompressCtx;
import dev.modelfleet.delta.internal.bytes.ByteBuilder;
import dev.modelfleet.delta.internal.concurrent.Futures;
import dev.modelfleet.delta.internal.format.OpWriter;
import dev.modelfleet.delta.internal.format.SectionWriter;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Runs encoding tasks on a pool and writes their sections to the patch in target order, merging
 * adjacent copies into as few operations as possible. At most {@code maxInFlight} tasks are queued
 * or running, which bounds memory.
 */
final class SectionPipeline implements AutoCloseable {
  /** Copy operations per section made of copies alone. */
  private static final int MAX_COPIES_PER_SECTION = 16_384;

  private final ExecutorService pool;
  private final int maxInFlight;
  private final PatchFile out;
  private final ZstdCompressCtx copyCompressor;
  private final EncodeListener listener;
  private final long targetSize;
  private final ArrayDeque<Future<Encoded>> inFlight = new ArrayDeque<>();
  private final OpTally tally = new OpTally();
  private final long[] copySource = new long[MAX_COPIES_PER_SECTION];
  private final long[] copyLength = new long[MAX_COPIES_PER_SECTION];
  private int copies;
  private long copiesTargetStart;
  private long nextTarget;
  private int sections;

  SectionPipeline(
      ExecutorService pool,
      int maxInFlight,
      PatchFile out,
      int level,
      EncodeListener listener,
      long targetSize) {
    this.pool = pool;
    this.maxInFlight = maxInFlight;
    this.out = out;
    this.copyCompressor = new ZstdCompressCtx();
    this.copyCompressor.setLevel(level);
    this.listener = listener;
    this.targetSize = targetSize;
  }

  /** Queues a task; writes finished results first if too many are in flight. */
  void submit(Callable<Encoded> task) throws IOException {
    while (inFlight.size() >= maxInFlight) {
      drainOne();
    }
    inFlight.add(pool.submit(task));
  }

  /** A copy the planner decided on by itself (no task needed). */
  void submitCopy(long sourceOffset, long targetOffset, long length) throws IOException {
    submit(() -> Encoded.copy(sourceOffset, targetOffset, length));
  }

  /** Waits for every task and writes what is left. Returns the target bytes covered. */
  long finish() throws IOException {
    while (!inFlight.isEmpty()) {
      drainOne();
    }
    flushCopies();
    return nextTarget;
  }

  int sections() {
    return sections;
  }

  OpTally tally() {
    return tally;
  }

  private void drainOne() throws IOException {
    Encoded e = Futures.await(inFlight.remove(), "encoding");
    if (e.targetOffset() != nextTarget) {
      throw new IllegalStateException(
          "encoder produced target offset " + e.targetOffset() + ", expected " + nextTarget);
    }
    byte[] section = e.section();
    if (section == null) {
      addCopy(e.copySource(), e.targetLength());
    } else {
      flushCopies();
      writeSection(section);
      tally.addAll(e.tally());
    }
    nextTarget += e.targetLength();
    listener.progress(nextTarget, targetSize);
  }

  private void addCopy(long source, long length) throws IOException {
    if (copies > 0 && copySource[copies - 1] + copyLength[copies - 1] == source) {
      copyLength[copies - 1] += length;
      return;
    }
    if (copies == MAX_COPIES_PER_SECTION) {
      flushCopies();
    }
    if (copies == 0) {
      copiesTargetStart = nextTarget;
    }
    copySource[copies] = source;
    copyLength[copies] = length;
    copies++;
  }

  private void flushCopies() throws IOException {
    if (copies == 0) {
      return;
    }
    ByteBuilder raw = new ByteBuilder(copies * 20);
    long total = 0;
    for (int i = 0; i < copies; i++) {
      OpWriter.copy(raw, copySource[i], copyLength[i]);
      tally.add(OpTally.COPY, copyLength[i]);
      total += copyLength[i];
    }
    writeSection(
        SectionWriter.data(raw.array(), raw.size(), copiesTargetStart, total, copyCompressor));
    copies = 0;
  }

  private void writeSection(byte[] section) throws IOException {
    out.append(section);
    sections++;
  }

  @Override
  public void close() {
    for (Future<Encoded> f : inFlight) {
      f.cancel(true);
    }
    inFlight.clear();
    copyCompressor.close();
  }
}
