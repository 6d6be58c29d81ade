package dev.modelfleet.delta.create;

import dev.modelfleet.delta.internal.cdc.CdcMatcher;
import dev.modelfleet.delta.internal.cdc.GearChunker;
import java.io.IOException;
import java.nio.channels.FileChannel;

/** Any pair of files: content-defined chunking of both, copies for shared chunks. */
final class GenericPlanner implements Planner {
  private final FileChannel source;
  private final long sourceSize;
  private final FileChannel target;
  private final long targetSize;
  private final int sectionBytes;

  GenericPlanner(
      FileChannel source, long sourceSize, FileChannel target, long targetSize, int sectionBytes) {
    this.source = source;
    this.sourceSize = sourceSize;
    this.target = target;
    this.targetSize = targetSize;
    this.sectionBytes = sectionBytes;
  }

  @Override
  public String strategy() {
    return "generic";
  }

  @Override
  public boolean hashesOnTheWay() {
    return false;
  }

  @Override
  public void plan(SectionPipeline pipeline, Tasks tasks) throws IOException {
    Batcher batcher = new Batcher(pipeline, tasks, sectionBytes);
    CdcMatcher matcher =
        CdcMatcher.index(source, 0, sourceSize, target, new GearChunker(chunkSize(sourceSize)));
    matcher.match(0, targetSize, batcher);
    batcher.flush();
  }

  /**
   * About 64 KiB chunks for large files (a 1 GiB index is then 16k entries), smaller ones for small
   * files so that they still find matches: about 1/1024 of the size, at least 256 bytes.
   */
  static int chunkSize(long size) {
    long c = Long.highestOneBit(Math.max(1, size >> 10));
    return (int) Math.max(256, Math.min(64 << 10, c));
  }
}
