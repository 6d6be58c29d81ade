package dev.modelfleet.delta.create;

import dev.modelfleet.delta.internal.cdc.CdcMatcher;
import dev.modelfleet.delta.internal.cdc.GearChunker;
import dev.modelfleet.delta.internal.format.PatchFormat;
import dev.modelfleet.delta.internal.transform.Transform;
import dev.modelfleet.gguf.GgufFile;
import dev.modelfleet.gguf.GgufFormatException;
import dev.modelfleet.gguf.GgufReader;
import dev.modelfleet.gguf.GgufTensorInfo;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * GGUF pairs: the target is walked in file order. The header and metadata are matched against the
 * source's by content-defined chunking with small chunks (a changed value costs its own bytes);
 * each tensor with a same-named, same-typed, same-shaped source tensor is compared piece by piece
 * (equal pieces become copies wherever the tensor moved, changed ones a type-aware transform); new
 * or reshaped tensors are chunk-matched against the source tensors no target tensor claimed;
 * padding between tensors is literal.
 */
final class GgufPlanner implements Planner {
  private final FileChannel source;
  private final GgufFile sourceFile;
  private final FileChannel target;
  private final GgufFile targetFile;
  private final int sectionBytes;
  private final Map<String, GgufTensorInfo> sourceTensors;

  private GgufPlanner(
      FileChannel source,
      GgufFile sourceFile,
      FileChannel target,
      GgufFile targetFile,
      int sectionBytes) {
    this.source = source;
    this.sourceFile = sourceFile;
    this.target = target;
    this.targetFile = targetFile;
    this.sectionBytes = sectionBytes;
    this.sourceTensors = sourceFile.tensorsByName();
  }

  /**
   * A planner if both files are GGUF files that share at least one tensor (same name, type and
   * shape), else empty.
   */
  static Optional<Planner> forPair(FileChannel source, FileChannel target, int sectionBytes)
      throws IOException {
    GgufFile s;
    GgufFile t;
    try {
      s = GgufReader.readHeader(source);
      t = GgufReader.readHeader(target);
    } catch (GgufFormatException e) {
      // Not GGUF (or not a GGUF this reader accepts): the generic strategy handles any bytes.
      return Optional.empty();
    }
    GgufPlanner p = new GgufPlanner(source, s, target, t, sectionBytes);
    for (GgufTensorInfo ti : t.tensors()) {
      if (p.counterpart(ti) != null) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  @Override
  public String strategy() {
    return "gguf";
  }

  /** The source tensor with the same name, type and shape, or null. */
  private @Nullable GgufTensorInfo counterpart(GgufTensorInfo t) {
    GgufTensorInfo s = sourceTensors.get(t.name());
    if (s == null || s.type() != t.type() || !s.dims().equals(t.dims())) {
      return null;
    }
    if (s.byteSize() != t.byteSize()) {
      return null;
    }
    return s;
  }

  @Override
  public boolean hashesOnTheWay() {
    return true;
  }

  @Override
  public void plan(SectionPipeline pipeline, Tasks tasks) throws IOException {
    Batcher batcher = new Batcher(pipeline, tasks, sectionBytes);
    List<GgufTensorInfo> tensors = new ArrayList<>(targetFile.tensors());
    tensors.sort(Comparator.comparingLong(GgufTensorInfo::absoluteOffset));

    // Header, metadata and tensor infos against the source's.
    long headerEnd = tensors.isEmpty() ? targetFile.fileSize() : tensors.get(0).absoluteOffset();
    long sourceHeaderEnd =
        sourceFile.tensors().stream()
            .mapToLong(GgufTensorInfo::absoluteOffset)
            .min()
            .orElse(sourceFile.fileSize());
    GearChunker headerChunks = new GearChunker(smallChunks(sourceHeaderEnd));
    if (headerEnd > 0 && headerEnd <= PatchFormat.MAX_MATERIALIZED) {
      pipeline.submit(tasks.header(sourceHeaderEnd, (int) headerEnd, headerChunks));
    } else {
      CdcMatcher.index(source, 0, sourceHeaderEnd, target, headerChunks)
          .match(0, headerEnd, batcher);
    }

    CdcMatcher unclaimed = null;
    long cursor = headerEnd;
    for (GgufTensorInfo t : tensors) {
      if (t.absoluteOffset() > cursor) {
        batcher.literal(cursor, t.absoluteOffset() - cursor);
      }
      GgufTensorInfo s = counterpart(t);
      if (s != null) {
        batcher.flush();
        planTensor(pipeline, tasks, s, t);
      } else if (t.byteSize() > 0) {
        if (unclaimed == null) {
          unclaimed = unclaimedMatcher();
        }
        unclaimed.match(t.absoluteOffset(), t.endOffset(), batcher);
      }
      cursor = Math.max(cursor, t.endOffset());
    }
    if (targetFile.fileSize() > cursor) {
      batcher.literal(cursor, targetFile.fileSize() - cursor);
    }
    batcher.flush();
  }

  private void planTensor(SectionPipeline pipeline, Tasks tasks, GgufTensorInfo s, GgufTensorInfo t)
      throws IOException {
    Transform transform = Transform.forGgmlType(t.type().name()).orElse(Transform.XOR);
    if (t.byteSize() % transform.unit() != 0) {
      transform = Transform.XOR;
    }
    int unit = transform.unit();
    int piece = Math.max(unit, sectionBytes / unit * unit);
    Tasks.TensorVerdict verdict = new Tasks.TensorVerdict();
    for (long done = 0; done < t.byteSize(); ) {
      int len = (int) Math.min(piece, t.byteSize() - done);
      pipeline.submit(
          tasks.tensorChunk(
              transform,
              s.absoluteOffset() + done,
              t.absoluteOffset() + done,
              len,
              verdict,
              done == 0));
      done += len;
    }
  }

  /**
   * A matcher over the source tensors that no target tensor took (renamed, reshaped or re-typed
   * tensors may still share bytes with them).
   */
  private CdcMatcher unclaimedMatcher() throws IOException {
    Set<String> claimed = new HashSet<>();
    for (GgufTensorInfo t : targetFile.tensors()) {
      if (counterpart(t) != null) {
        claimed.add(t.name());
      }
    }
    List<GgufTensorInfo> free = new ArrayList<>();
    for (GgufTensorInfo s : sourceFile.tensors()) {
      if (!claimed.contains(s.name()) && s.byteSize() > 0) {
        free.add(s);
      }
    }
    free.sort(Comparator.comparingLong(GgufTensorInfo::absoluteOffset));
    long[] starts = new long[free.size()];
    long[] ends = new long[free.size()];
    long total = 0;
    for (int i = 0; i < free.size(); i++) {
      starts[i] = free.get(i).absoluteOffset();
      ends[i] = free.get(i).endOffset();
      total += ends[i] - starts[i];
    }
    return CdcMatcher.index(
        source, starts, ends, target, new GearChunker(GenericPlanner.chunkSize(total)));
  }

  /** Metadata changes are small and local: chunks of about 1/256 of the region, 64 B..4 KiB. */
  private static int smallChunks(long regionSize) {
    long c = Long.highestOneBit(Math.max(1, regionSize >> 8));
    return (int) Math.max(64, Math.min(4096, c));
  }
}
