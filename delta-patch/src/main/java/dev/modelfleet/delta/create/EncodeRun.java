package dev.modelfleet.delta.create;

import dev.modelfleet.delta.Sha256;
import dev.modelfleet.delta.internal.concurrent.Futures;
import dev.modelfleet.delta.internal.concurrent.Interrupts;
import dev.modelfleet.delta.internal.format.PatchFormat;
import dev.modelfleet.delta.internal.format.PatchHeader;
import dev.modelfleet.delta.internal.format.SectionWriter;
import dev.modelfleet.delta.internal.io.Inputs;
import dev.modelfleet.delta.internal.io.Staging;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** One encode: hashes both files, plans, runs the pipeline, writes header and end section. */
final class EncodeRun {
  private final Path sourcePath;
  private final Path targetPath;
  private final Path patchPath;
  private final PatchEncoder config;

  EncodeRun(Path source, Path target, Path patch, PatchEncoder config) {
    this.sourcePath = source;
    this.targetPath = target;
    this.patchPath = patch.toAbsolutePath();
    this.config = config;
  }

  EncodeSummary run() throws IOException {
    try {
      return encodeAndPublish();
    } catch (IOException e) {
      throw Interrupts.cancelledOr(
          e, "the encode to " + patchPath + " was interrupted; that file is unchanged");
    }
  }

  private EncodeSummary encodeAndPublish() throws IOException {
    Inputs.requireNotReplaced(patchPath, sourcePath, "the source");
    Inputs.requireNotReplaced(patchPath, targetPath, "the target");
    Instant start = config.clock().instant();
    int threads = config.threads();
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "modelfleet-delta-encode-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    BlockingQueue<Compressors> compressors = new ArrayBlockingQueue<>(threads);
    Staging staging = null;
    try (FileChannel source = Inputs.channel(sourcePath);
        FileChannel target = Inputs.channel(targetPath)) {
      // First, so that an unusable patch path fails before any input is hashed or parsed.
      staging = Staging.create(patchPath);
      for (int i = 0; i < threads; i++) {
        compressors.add(new Compressors(config.level()));
      }
      long sourceSize = source.size();
      long targetSize = target.size();
      HashingReader sourceReader = new HashingReader(source, sourceSize);
      HashingReader targetReader = new HashingReader(target, targetSize);
      Planner planner = choosePlanner(source, sourceSize, target, targetSize);
      Future<Sha256> sourceHash = null;
      Future<Sha256> targetHash = null;
      if (!planner.hashesOnTheWay()) {
        sourceHash = pool.submit(sourceReader::finish);
        targetHash = pool.submit(targetReader::finish);
      }
      config.listener().started(planner.strategy(), sourceSize, targetSize);

      int sections;
      OpTally tally;
      long patchSize;
      Sha256 sourceSha;
      Sha256 targetSha;
      int inFlight = threads * 3;
      // Two arrays per piece: one piece per worker, and two read ahead while they work.
      PieceArrays pieces = new PieceArrays(2 * (threads + 2), config.sectionBytes());
      Tasks tasks =
          new Tasks(
              source, target, sourceReader, targetReader, pieces, compressors, config.level());
      try (PatchFile out =
              PatchFile.open(staging.file(), PatchFormat.HEADER_SIZE, config.directIo());
          SectionPipeline pipeline =
              new SectionPipeline(
                  pool, inFlight, out, config.level(), config.listener(), targetSize)) {
        staging.holdLock();
        planner.plan(pipeline, tasks);
        if (sourceHash == null || targetHash == null) {
          // Before waiting for the last sections, so the rest of the files hash beside them.
          sourceSha = sourceReader.finish();
          targetSha = targetReader.finish();
        } else {
          sourceSha = Futures.await(sourceHash, "encoding");
          targetSha = Futures.await(targetHash, "encoding");
        }
        long covered = pipeline.finish();
        if (covered != targetSize) {
          throw new IllegalStateException(
              "the plan covers " + covered + " of " + targetSize + " target bytes");
        }
        out.append(SectionWriter.end(targetSize));
        out.complete(new PatchHeader(sourceSize, sourceSha, targetSize, targetSha).encode());
        patchSize = out.size();
        sections = pipeline.sections();
        tally = pipeline.tally();
      }
      staging.publish();
      return new EncodeSummary(
          planner.strategy(),
          sourceSize,
          sourceSha,
          targetSize,
          targetSha,
          patchSize,
          sections,
          tally.toMap(),
          Duration.between(start, config.clock().instant()));
    } finally {
      pool.shutdownNow();
      try {
        pool.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Compressors c;
      while ((c = compressors.poll()) != null) {
        c.close();
      }
      if (staging != null) {
        // Deletes the partial patch unless it was published.
        staging.close();
      }
    }
  }

  private Planner choosePlanner(
      FileChannel source, long sourceSize, FileChannel target, long targetSize) throws IOException {
    Optional<Planner> gguf = GgufPlanner.forPair(source, target, config.sectionBytes());
    if (gguf.isPresent()) {
      return gguf.get();
    }
    return new GenericPlanner(source, sourceSize, target, targetSize, config.sectionBytes());
  }
}
