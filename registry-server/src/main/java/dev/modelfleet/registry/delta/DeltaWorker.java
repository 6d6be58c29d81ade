package dev.modelfleet.registry.delta;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.Sha256;
import dev.modelfleet.delta.apply.PatchApplier;
import dev.modelfleet.delta.create.EncodeSummary;
import dev.modelfleet.delta.create.PatchEncoder;
import dev.modelfleet.registry.blob.BlobStore;
import dev.modelfleet.registry.blob.Digests;
import dev.modelfleet.registry.release.CatalogChanged;
import dev.modelfleet.registry.support.RegistryProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.annotation.PreDestroy;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Runs delta jobs on one background thread per replica: woken when a variant is published, and
 * polling for work other replicas queued. Sources and targets are read from the blob store, the
 * patch is written to scratch, applied once to check that it rebuilds the target, and stored as a
 * blob; then the job row records it.
 */
@Component
class DeltaWorker {
  private static final Logger log = LoggerFactory.getLogger(DeltaWorker.class);

  private final DeltaJobs jobs;
  private final BlobStore blobs;
  private final DeltaProperties properties;
  private final Path scratch;
  private final MeterRegistry meters;
  private final ExecutorService executor;
  private final AtomicBoolean draining = new AtomicBoolean();

  DeltaWorker(
      DeltaJobs jobs,
      BlobStore blobs,
      DeltaProperties properties,
      RegistryProperties registry,
      MeterRegistry meters) {
    this.jobs = jobs;
    this.blobs = blobs;
    this.properties = properties;
    Path configured = properties.scratchDir();
    this.scratch =
        (configured != null ? configured : registry.dataDir().resolve("scratch"))
            .toAbsolutePath()
            .normalize();
    this.meters = meters;
    this.executor =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "delta-worker");
              t.setDaemon(true);
              return t;
            });
  }

  @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
  void on(CatalogChanged event) {
    Long variant = event.newVariantId();
    if (variant == null || !properties.enabled()) {
      return;
    }
    try {
      if (jobs.plan(variant) > 0) {
        wake();
      }
    } catch (RuntimeException e) {
      log.error("Could not plan delta jobs for variant {}", variant, e);
    }
  }

  @Scheduled(
      fixedDelayString = "${modelfleet.delta.poll-interval:10s}",
      initialDelayString = "${modelfleet.delta.poll-interval:10s}")
  void poll() {
    if (properties.enabled()) {
      jobs.requeueStale();
      wake();
    }
  }

  void wake() {
    if (draining.compareAndSet(false, true)) {
      executor.execute(
          () -> {
            try {
              drain();
            } finally {
              draining.set(false);
            }
          });
    }
  }

  private void drain() {
    while (true) {
      Optional<Long> claimed = jobs.claim();
      if (claimed.isEmpty()) {
        return;
      }
      run(claimed.get());
    }
  }

  void run(long jobId) {
    Optional<DeltaJobs.Work> work = jobs.work(jobId);
    if (work.isEmpty()) {
      jobs.failed(jobId, "source or target variant no longer exists");
      return;
    }
    DeltaJobs.Work w = work.get();
    Timer.Sample sample = Timer.start(meters);
    Path patch = scratch.resolve("job-" + jobId + ".patch");
    try {
      Files.createDirectories(scratch);
      EncodeSummary summary;
      String sha256;
      try (BlobStore.LocalCopy source = blobs.localCopy(w.source().sha256(), scratch);
          BlobStore.LocalCopy target = blobs.localCopy(w.target().sha256(), scratch)) {
        summary =
            PatchEncoder.builder()
                .threads(properties.threads())
                .directIo(properties.directIo())
                .build()
                .encode(source.path(), target.path(), patch);
        sha256 = verify(source.path(), patch, w.target().sha256());
      }
      long size = Files.size(patch);
      blobs.put(patch, sha256);
      jobs.succeeded(jobId, summary.strategy(), sha256, size);
      sample.stop(meters.timer("modelfleet.delta.job.duration", "outcome", "succeeded"));
      log.info(
          "Delta {} -> {} ({}): {} bytes, {}",
          w.source().version(),
          w.target().version(),
          w.target().profile(),
          size,
          summary.strategy());
    } catch (IOException | RuntimeException e) {
      sample.stop(meters.timer("modelfleet.delta.job.duration", "outcome", "failed"));
      log.warn("Delta job {} failed (attempt {})", jobId, w.attempts(), e);
      jobs.failed(jobId, String.valueOf(e.getMessage()));
    } finally {
      try {
        Files.deleteIfExists(patch);
      } catch (IOException e) {
        log.debug("could not delete {}", patch, e);
      }
    }
  }

  /**
   * Applies {@code patch} to {@code source} once, into scratch, and fails unless it rebuilds the
   * target: a patch is stored only when it is known to work, whatever went wrong in the encoder
   * (including a JIT miscompiling it, ADR 0010). Costs one apply per job.
   *
   * @return the patch's SHA-256 (hex), computed from the bytes the check read, so the patch is read
   *     once
   * @throws PatchException if the patch does not rebuild a file with {@code targetSha256}
   */
  String verify(Path source, Path patch, String targetSha256) throws IOException {
    Path rebuilt = scratch.resolve(patch.getFileName() + ".check");
    MessageDigest sha = Digests.sha256();
    try (InputStream in =
        new DigestInputStream(new BufferedInputStream(Files.newInputStream(patch), 1 << 16), sha)) {
      // Not durable: the rebuilt file is deleted right after, so flushing it would only cost I/O.
      PatchApplier.builder()
          .durable(false)
          .directIo(properties.directIo())
          .build()
          .apply(source, in, rebuilt, Sha256.fromHex(targetSha256));
      // The applier reads a patch to its end; whatever follows is hashed too, as a file hash would.
      in.transferTo(OutputStream.nullOutputStream());
    } finally {
      Files.deleteIfExists(rebuilt);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
