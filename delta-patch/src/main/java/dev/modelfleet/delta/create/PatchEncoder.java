package dev.modelfleet.delta.create;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Writes delta patches ({@code docs/formats/delta.md}) that turn a source file into a target file.
 *
 * <p>GGUF pairs are matched tensor by tensor (name, type and shape): equal tensors become copies
 * wherever they moved, changed ones a type-aware transform against the old tensor, everything else
 * zstd literals. Other files, or GGUF pairs with nothing in common, are matched by content-defined
 * chunking. The output is always lossless; memory stays bounded whatever the file sizes, and the
 * work is spread over {@link Builder#threads(int)} threads.
 *
 * <p>The patch is written to a temporary file next to it and renamed into place when complete.
 * Instances are immutable and thread-safe.
 */
public final class PatchEncoder {
  private final EncodeListener listener;
  private final int threads;
  private final int level;
  private final int sectionBytes;
  private final Clock clock;
  private final boolean directIo;

  private PatchEncoder(Builder b) {
    this.listener = b.listener;
    this.threads = b.threads;
    this.level = b.level;
    this.sectionBytes = b.sectionBytes;
    this.clock = b.clock;
    this.directIo = b.directIo;
  }

  /** An encoder with the defaults. */
  public static PatchEncoder create() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Writes a patch that turns {@code source} into {@code target} to {@code patch} (replacing a file
   * there).
   *
   * @throws IOException if a file cannot be read or the patch cannot be written
   * @throws java.io.InterruptedIOException if the calling thread is interrupted (how to cancel an
   *     encode): a file at {@code patch} is unchanged, the partial patch removed, and the thread
   *     stays interrupted
   */
  public EncodeSummary encode(Path source, Path target, Path patch) throws IOException {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(patch, "patch");
    return new EncodeRun(source, target, patch, this).run();
  }

  EncodeListener listener() {
    return listener;
  }

  int threads() {
    return threads;
  }

  int level() {
    return level;
  }

  int sectionBytes() {
    return sectionBytes;
  }

  Clock clock() {
    return clock;
  }

  boolean directIo() {
    return directIo;
  }

  /** Settings for a {@link PatchEncoder}. */
  public static final class Builder {
    private EncodeListener listener = EncodeListener.NONE;
    private int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    private int level = 5;
    private int sectionBytes = 1 << 20;
    private Clock clock = Clock.systemUTC();
    private boolean directIo = true;

    private Builder() {}

    /** Who hears about progress (default: nobody). */
    public Builder listener(EncodeListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * How many threads encode in parallel (default: one per processor).
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
     * The zstd level for literal data (default 5: with the bundled zstd it compresses model data as
     * small as the {@code zstd} command's default level 3 does, at about the same speed).
     *
     * @throws IllegalArgumentException if {@code level} is not between 1 and 19
     */
    public Builder level(int level) {
      if (level < 1 || level > 19) {
        throw new IllegalArgumentException("level must be between 1 and 19 but was " + level);
      }
      this.level = level;
      return this;
    }

    /**
     * Target bytes per section for literals and transforms (default 1 MiB). Appliers decode a few
     * sections at a time, so this sets their memory use.
     *
     * @throws IllegalArgumentException if {@code bytes} is not between 4 KiB and 2 MiB
     */
    public Builder sectionBytes(int bytes) {
      if (bytes < (4 << 10) || bytes > (2 << 20)) {
        throw new IllegalArgumentException(
            "sectionBytes must be between 4096 and 2097152 but was " + bytes);
      }
      this.sectionBytes = bytes;
      return this;
    }

    /**
     * Whether to write the patch with direct I/O, past the page cache, where the platform and file
     * system offer it (default: true; elsewhere, and with false, it goes through the page cache). A
     * patch is written once and then uploaded or served, so caching it while it is written only
     * evicts other data; on this project's test machine it also cost seconds of kernel time per GiB
     * (ADR 0011).
     */
    public Builder directIo(boolean direct) {
      this.directIo = direct;
      return this;
    }

    /** The clock that times the encode (default: the system clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public PatchEncoder build() {
      return new PatchEncoder(this);
    }
  }
}
