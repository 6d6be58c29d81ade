package dev.modelfleet.delta.apply;

import com.github.luben.zstd.ZstdDecompressCtx;
import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.PatchException.Reason;
import dev.modelfleet.delta.Sha256;
import dev.modelfleet.delta.internal.bytes.BufferPool;
import dev.modelfleet.delta.internal.concurrent.Futures;
import dev.modelfleet.delta.internal.concurrent.Interrupts;
import dev.modelfleet.delta.internal.format.PatchFormat;
import dev.modelfleet.delta.internal.format.PatchHeader;
import dev.modelfleet.delta.internal.format.PatchReader;
import dev.modelfleet.delta.internal.format.Section;
import dev.modelfleet.delta.internal.io.Inputs;
import dev.modelfleet.delta.internal.io.Staging;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** One apply: reads the patch, decodes sections on worker threads, writes them in order. */
final class ApplyRun {
  /** Bytes per write and per source read of a copy: keeps the JDK's temporary buffers small. */
  private static final int IO_CHUNK = 1 << 20;

  /** Written bytes that may wait for the digest thread (buffers it has not released yet). */
  private static final int DIGEST_PENDING = 6 << 20;

  private final Path sourcePath;
  private final InputStream patch;
  private final Path target;
  private final @Nullable Sha256 expected;
  private final PatchApplier config;
  private final TargetOutput.Factory outputs;
  private final DirectBuffers copyBuffers = new DirectBuffers(IO_CHUNK);
  private long written;

  ApplyRun(
      Path source, InputStream patch, Path target, @Nullable Sha256 expected, PatchApplier config) {
    this(source, patch, target, expected, config, outputs(config));
  }

  private static TargetOutput.Factory outputs(PatchApplier config) {
    TargetOutput.Factory buffered =
        config.durable() ? TargetOutput.FILES : TargetOutput.UNSYNCED_FILES;
    return config.directIo() ? TargetOutput.direct(buffered) : buffered;
  }

  ApplyRun(
      Path source,
      InputStream patch,
      Path target,
      @Nullable Sha256 expected,
      PatchApplier config,
      TargetOutput.Factory outputs) {
    this.sourcePath = source;
    this.patch = patch;
    this.target = target.toAbsolutePath();
    this.expected = expected;
    this.config = config;
    this.outputs = outputs;
  }

  ApplyResult run() throws IOException {
    try {
      return applyAndPublish();
    } catch (IOException e) {
      throw Interrupts.cancelledOr(
          e, "the apply to " + target + " was interrupted; that file is unchanged");
    }
  }

  private ApplyResult applyAndPublish() throws IOException {
    Instant start = config.clock().instant();
    ApplyListener listener = config.listener();
    PatchReader reader = new PatchReader(patch);
    PatchHeader header = reader.readHeader();
    if (expected != null && !expected.equals(header.targetSha256())) {
      throw new PatchException(
          Reason.TARGET_MISMATCH,
          "the patch produces "
              + header.targetSha256().hex()
              + " but "
              + expected.hex()
              + " was expected");
    }
    listener.started(header.sourceSize(), header.targetSize());
    try (FileChannel source = Inputs.channel(sourcePath)) {
      long size = source.size();
      if (size != header.sourceSize()) {
        throw new PatchException(
            Reason.SOURCE_MISMATCH,
            "the patch was made from a "
                + header.sourceSize()
                + "-byte file, but "
                + sourcePath
                + " has "
                + size
                + " bytes");
      }
      try (Staging staging = Staging.create(target)) {
        // After the stale partial files of the target are gone: they may be what fills the disk.
        preflight(staging.file(), header.targetSize());
        SourceCheck check =
            config.verifySourceFirst()
                ? SourceCheck.runNow(sourcePath, size, header.sourceSha256())
                : SourceCheck.start(sourcePath, size, header.sourceSha256());
        boolean done = false;
        try {
          ApplyResult result = writeAndCheck(reader, header, source, staging, check, start);
          done = true;
          return result;
        } finally {
          if (!done) {
            check.cancel();
          }
        }
      }
    }
  }

  private ApplyResult writeAndCheck(
      PatchReader reader,
      PatchHeader header,
      FileChannel source,
      Staging staging,
      SourceCheck check,
      Instant start)
      throws IOException {
    ApplyListener listener = config.listener();
    long size = header.sourceSize();
    if (config.verifySourceFirst()) {
      listener.sourceVerified(size);
    }
    int sections;
    Sha256 actual;
    try (TargetOutput out = outputs.open(staging.file());
        OutputDigest digest = new OutputDigest(DIGEST_PENDING)) {
      staging.holdLock();
      try {
        sections = writeTarget(reader, header, source, out, digest);
        complete(out);
        actual = digest.finish();
      } catch (PatchException e) {
        // A wrong source makes transforms produce garbage: say what is really wrong.
        awaitSource(check, e);
        throw e;
      }
      awaitSource(check, null);
      if (!config.verifySourceFirst()) {
        listener.sourceVerified(size);
      }
      if (written != header.targetSize()) {
        throw new PatchException(
            Reason.TARGET_MISMATCH,
            "the patch produced " + written + " bytes instead of " + header.targetSize());
      }
      if (!actual.equals(header.targetSha256())) {
        throw new PatchException(
            Reason.TARGET_MISMATCH,
            "the output's SHA-256 "
                + actual.hex()
                + " differs from the patch's target "
                + header.targetSha256().hex());
      }
      if (config.durable()) {
        out.force();
      }
    }
    staging.publish();
    if (config.durable()) {
      syncDirectory();
    }
    return new ApplyResult(
        target,
        header.targetSize(),
        actual,
        sections,
        reader.bytesRead(),
        Duration.between(start, config.clock().instant()));
  }

  /** Fails fast when the target's file system cannot hold it (a full disk is still handled). */
  private static void preflight(Path partial, long targetSize) throws IOException {
    long usable;
    try {
      usable = Files.getFileStore(partial).getUsableSpace();
    } catch (IOException | UnsupportedOperationException e) {
      return;
    }
    if (usable < targetSize) {
      throw new IOException(
          "not enough free space in "
              + partial.getParent()
              + " for the target: it needs "
              + targetSize
              + " bytes, "
              + usable
              + " are available");
    }
  }

  /** Waits for the source check; a mismatch wins over {@code other}, which it then carries. */
  private static void awaitSource(SourceCheck check, @Nullable IOException other)
      throws IOException {
    try {
      check.await();
    } catch (PatchException e) {
      if (other != null && e != other) {
        e.addSuppressed(other);
      }
      throw e;
    }
  }

  private int writeTarget(
      PatchReader reader,
      PatchHeader header,
      FileChannel source,
      TargetOutput out,
      OutputDigest digest)
      throws IOException {
    int threads = config.threads();
    BlockingQueue<ZstdDecompressCtx> contexts = new ArrayBlockingQueue<>(threads);
    AtomicInteger threadNumber = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "modelfleet-delta-apply-" + threadNumber.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    // Idle arrays kept for reuse: about what the sections in flight hold.
    BufferPool buffers = new BufferPool(config.bufferBudget() + (4L << 20));
    ArrayDeque<Pending> pending = new ArrayDeque<>();
    long inFlight = 0;
    int sections = 0;
    try {
      for (int i = 0; i < threads; i++) {
        contexts.add(new ZstdDecompressCtx());
      }
      boolean more = true;
      while (more || !pending.isEmpty()) {
        if (more && (pending.isEmpty() || inFlight < config.bufferBudget())) {
          Section s = reader.next(buffers);
          if (s == null) {
            more = false;
            continue;
          }
          sections++;
          long footprint =
              s.footprint() + Math.min(PatchFormat.MAX_MATERIALIZED, s.header().targetLength());
          Future<DecodedSection> f =
              pool.submit(
                  () -> {
                    ZstdDecompressCtx ctx = contexts.take();
                    try {
                      return SectionDecoder.decode(s, ctx, source, header.sourceSize(), buffers);
                    } finally {
                      contexts.add(ctx);
                    }
                  });
          pending.add(new Pending(f, footprint));
          inFlight += footprint;
        } else {
          Pending p = pending.remove();
          inFlight -= p.footprint;
          DecodedSection d = Futures.await(p.future, "applying a patch");
          write(d, source, out, digest, buffers);
          config.listener().progress(written, header.targetSize());
        }
      }
      return sections;
    } finally {
      for (Pending p : pending) {
        p.future.cancel(true);
      }
      pool.shutdownNow();
      try {
        // Workers read the source channel: let them stop before the caller closes it.
        pool.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ZstdDecompressCtx ctx;
      while ((ctx = contexts.poll()) != null) {
        ctx.close();
      }
    }
  }

  /**
   * Writes a section's pieces in order and hands them to the digest; buffers go back to the pool
   * once hashed.
   */
  private void write(
      DecodedSection d, FileChannel source, TargetOutput out, OutputDigest digest, BufferPool pool)
      throws IOException {
    int at = 0;
    for (int i = 0; i < d.pieces(); i++) {
      long len = d.length(i);
      long from = d.sourceOffset(i);
      if (from < 0) {
        write(d.bytes(), at, (int) len, out);
        digest.update(d.bytes(), at, (int) len, null);
        at += (int) len;
      } else {
        long done = 0;
        while (done < len) {
          int n = (int) Math.min(IO_CHUNK, len - done);
          // Direct: the kernel reads into it and writes from it, with no copies through the heap.
          ByteBuffer buf = copyBuffers.take();
          buf.clear().limit(n);
          SectionDecoder.readFully(source, from + done, buf);
          buf.flip();
          write(buf.duplicate(), out);
          digest.update(buf, () -> copyBuffers.give(buf));
          done += n;
        }
      }
    }
    byte[] bytes = d.bytes();
    digest.update(bytes, 0, 0, () -> pool.give(bytes));
  }

  private void write(ByteBuffer b, TargetOutput out) throws IOException {
    int len = b.remaining();
    try {
      out.write(b);
    } catch (IOException e) {
      throw new IOException("cannot write the target next to " + target + ": " + e.getMessage(), e);
    }
    written += len;
  }

  private void complete(TargetOutput out) throws IOException {
    try {
      out.complete();
    } catch (IOException e) {
      throw new IOException("cannot write the target next to " + target + ": " + e.getMessage(), e);
    }
  }

  private void write(byte[] b, int off, int len, TargetOutput out) throws IOException {
    // In chunks: the JDK copies a heap buffer into a temporary direct one of the same size.
    for (int p = 0; p < len; p += IO_CHUNK) {
      write(ByteBuffer.wrap(b, off + p, Math.min(IO_CHUNK, len - p)), out);
    }
  }

  /** Makes the rename durable where the platform allows syncing a directory. */
  private void syncDirectory() {
    Path dir = target.getParent();
    if (dir == null) {
      return;
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    } catch (IOException | UnsupportedOperationException ignored) {
      // Not supported (e.g. Windows): the rename is still atomic, just not yet durable.
    }
  }

  private record Pending(Future<DecodedSection> future, long footprint) {}
}
