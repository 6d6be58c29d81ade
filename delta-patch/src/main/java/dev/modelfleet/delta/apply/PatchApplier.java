package dev.modelfleet.delta.apply;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.Sha256;
import dev.modelfleet.delta.internal.io.Inputs;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Applies delta patches ({@code docs/formats/delta.md}): rebuilds the target from the source the
 * patch was made from.
 *
 * <p>The patch is read once, front to back; the source only by positional reads; the target is
 * written sequentially to a temporary file in its directory and renamed into place only after its
 * size and SHA-256 match the patch header and the source's size and SHA-256 match the ones the
 * patch was made from, so a failure at any point (wrong source, corrupt or truncated patch, full
 * disk, a kill) leaves no half-written target. The temporary file ({@code .NAME.DIGITS.partial}) is
 * locked while its apply runs; one that a killed apply left is removed by the next apply to the
 * same target, before it checks the free space. The source's size is checked before anything is
 * written; its SHA-256 is computed on a thread of its own while the target is written (or first,
 * see {@link Builder#verifySourceFirst}). Heap use is bounded by a few sections (a few MiB) and
 * does not grow with the file sizes; files over 4 GiB work.
 *
 * <p>Instances are immutable and thread-safe; each {@code apply} runs on the calling thread plus
 * {@link Builder#threads(int)} decoding threads of its own.
 */
public final class PatchApplier {
  private final ApplyListener listener;
  private final int threads;
  private final long bufferBudget;
  private final Clock clock;
  private final boolean verifySourceFirst;
  private final boolean durable;
  private final boolean directIo;

  private PatchApplier(Builder b) {
    this.listener = b.listener;
    this.threads = b.threads;
    this.bufferBudget = b.bufferBudget;
    this.clock = b.clock;
    this.verifySourceFirst = b.verifySourceFirst;
    this.durable = b.durable;
    this.directIo = b.directIo;
  }

  /** An applier with the defaults (no listener, up to 2 decoding threads, 6 MiB of buffers). */
  public static PatchApplier create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Writes the target of {@code patch} applied to {@code source} to {@code target} (replacing a
   * file there, atomically where the file system can).
   *
   * @return what was written
   * @throws PatchException if the patch is not a patch, has an unknown version, is truncated or
   *     corrupt, or was made from a different source, or the output does not match its header
   * @throws IOException if a file cannot be read or written (for example, the disk is full)
   * @throws java.io.InterruptedIOException if the calling thread is interrupted (how to cancel an
   *     apply): the target is unchanged, the temporary file removed, and the thread stays
   *     interrupted
   */
  public ApplyResult apply(Path source, Path patch, Path target) throws IOException {
    return apply(source, patch, target, null);
  }

  /**
   * Like {@link #apply(Path, Path, Path)}, and fails before writing anything unless the patch
   * produces a target with the SHA-256 the caller expects (for example, one from signed metadata).
   *
   * @throws PatchException with reason {@code TARGET_MISMATCH} if the patch promises another target
   */
  public ApplyResult apply(
      Path source, Path patch, Path target, @Nullable Sha256 expectedTargetSha256)
      throws IOException {
    Objects.requireNonNull(patch, "patch");
    Objects.requireNonNull(target, "target");
    Inputs.requireNotReplaced(target, patch, "the patch");
    try (InputStream in = new BufferedInputStream(Inputs.stream(patch), 1 << 16)) {
      return apply(source, in, target, expectedTargetSha256);
    }
  }

  /**
   * Like {@link #apply(Path, Path, Path, Sha256)} with the patch read from a stream (for example,
   * while it downloads). The stream is read to its end but not closed.
   */
  public ApplyResult apply(
      Path source, InputStream patch, Path target, @Nullable Sha256 expectedTargetSha256)
      throws IOException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(patch, "patch");
    Objects.requireNonNull(target, "target");
    return new ApplyRun(source, patch, target, expectedTargetSha256, this).run();
  }

  ApplyListener listener() {
    return listener;
  }

  int threads() {
    return threads;
  }

  long bufferBudget() {
    return bufferBudget;
  }

  Clock clock() {
    return clock;
  }

  boolean verifySourceFirst() {
    return verifySourceFirst;
  }

  boolean durable() {
    return durable;
  }

  boolean directIo() {
    return directIo;
  }

  /** Settings for a {@link PatchApplier}. */
  public static final class Builder {
    private ApplyListener listener = ApplyListener.NONE;
    private int threads = Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()));
    private long bufferBudget = 6L << 20;
    private Clock clock = Clock.systemUTC();
    private boolean verifySourceFirst;
    private boolean durable = true;
    private boolean directIo = true;

    private Builder() {}

    /** Who hears about progress (default: nobody). */
    public Builder listener(ApplyListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * How many threads decode sections in parallel (default: 2, or 1 on a single core).
     *
     * @throws IllegalArgumentException if {@code threads} is not between 1 and 64
     */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 64) {
        throw new IllegalArgumentException("threads must be between 1 and 64 but was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Roughly how many bytes of decoded sections may wait in memory (default 6 MiB). One section is
     * always allowed, so the heap needed is this plus at most 12 MiB.
     *
     * @throws IllegalArgumentException if {@code bytes} is negative
     */
    public Builder bufferBudget(long bytes) {
      if (bytes < 0) {
        throw new IllegalArgumentException("bufferBudget must be >= 0 but was " + bytes);
      }
      this.bufferBudget = bytes;
      return this;
    }

    /**
     * Whether to hash the whole source before decoding anything (default: false, the source is
     * hashed on its own thread while sections are decoded into the temporary file). Either way
     * nothing is published unless the source matches, and a mismatch is reported as {@code
     * SOURCE_MISMATCH}; checking first only saves work when a wrong source is likely, at the cost
     * of a slower apply.
     */
    public Builder verifySourceFirst(boolean first) {
      this.verifySourceFirst = first;
      return this;
    }

    /**
     * Whether the target reaches stable storage before it is renamed into place, and the rename
     * after it (default: true). Either way the target is published by an atomic rename only once it
     * is complete and checked; without this, a power loss soon after an apply can leave it empty or
     * partial on some file systems. Turn it off for a target that is checked and thrown away, or
     * that the caller syncs itself (flushing such a file only costs disk I/O).
     */
    public Builder durable(boolean durable) {
      this.durable = durable;
      return this;
    }

    /**
     * Whether to write the target with direct I/O, past the page cache, where the platform and file
     * system offer it (default: true; elsewhere, and with false, the target goes through the page
     * cache). Writing a model through the page cache evicts the pages of the model the device is
     * running, and cost this project's test machine seconds of kernel time per GiB (ADR 0011). The
     * price: the new target is not in the page cache afterwards, so its first read comes from the
     * disk.
     */
    public Builder directIo(boolean direct) {
      this.directIo = direct;
      return this;
    }

    /** The clock that times the apply (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public PatchApplier build() {
      return new PatchApplier(this);
    }
  }
}
