package dev.modelfleet.delta.create;

import dev.modelfleet.delta.internal.cdc.MatchSink;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups the copies and literals of a generic match into sections of about {@code sectionBytes}
 * literal bytes each, splitting long literals.
 */
final class Batcher implements MatchSink {
  private static final int MAX_OPS = 8192;

  private final SectionPipeline pipeline;
  private final Tasks tasks;
  private final int sectionBytes;
  private final List<Tasks.Op> ops = new ArrayList<>();
  private long literalBytes;

  Batcher(SectionPipeline pipeline, Tasks tasks, int sectionBytes) {
    this.pipeline = pipeline;
    this.tasks = tasks;
    this.sectionBytes = sectionBytes;
  }

  @Override
  public void copy(long sourceOffset, long targetOffset, long length) throws IOException {
    add(new Tasks.Op(sourceOffset, targetOffset, length));
  }

  @Override
  public void literal(long targetOffset, long length) throws IOException {
    long done = 0;
    while (done < length) {
      long room = sectionBytes - literalBytes;
      if (room <= 0) {
        flush();
        room = sectionBytes;
      }
      long n = Math.min(room, length - done);
      literalBytes += n;
      add(new Tasks.Op(-1, targetOffset + done, n));
      done += n;
    }
  }

  private void add(Tasks.Op op) throws IOException {
    ops.add(op);
    if (ops.size() >= MAX_OPS || literalBytes >= sectionBytes) {
      flush();
    }
  }

  /** Submits what is pending as one section. */
  void flush() throws IOException {
    if (!ops.isEmpty()) {
      pipeline.submit(tasks.ops(ops));
      ops.clear();
      literalBytes = 0;
    }
  }
}
