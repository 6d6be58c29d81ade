package dev.modelfleet.delta;

import java.io.IOException;
import java.util.Objects;

/**
 * A patch could not be applied or read because of what it contains or what it was applied to (as
 * opposed to an I/O failure of the file system, which is a plain {@link IOException}). The {@link
 * #reason()} is stable and meant for programs; the message is one sentence for people.
 */
public final class PatchException extends IOException {
  private static final long serialVersionUID = 1L;

  /** Why a patch was rejected. */
  public enum Reason {
    /** The file does not start with the delta patch magic. */
    NOT_A_PATCH,
    /** The patch has a format version (or flags) this applier does not know. */
    UNSUPPORTED_VERSION,
    /** The patch ends before its end section. */
    TRUNCATED,
    /** A checksum, length or structural rule of the format is violated. */
    CORRUPT,
    /** The source is not the file the patch was made from (size or SHA-256 differ). */
    SOURCE_MISMATCH,
    /**
     * The output does not have the size or SHA-256 the patch promises, or the patch does not
     * produce the target the caller expected.
     */
    TARGET_MISMATCH
  }

  private final Reason reason;

  public PatchException(Reason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public PatchException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** Why the patch was rejected. */
  public Reason reason() {
    return reason;
  }
}
