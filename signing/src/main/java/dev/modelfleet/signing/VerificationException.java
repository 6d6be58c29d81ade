package dev.modelfleet.signing;

import java.util.Objects;

/**
 * Verification failed. {@link #failure()} is a stable code for programs; the message is one
 * sentence for people that names the failed check (and the file, key or role concerned).
 */
public final class VerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why verification failed. The names are stable; new codes may be added. */
  public enum Failure {
    /** The signature or metadata document is not well-formed or lacks a required field. */
    MALFORMED,
    /** A well-formed document uses an algorithm, media type, method or version we do not accept. */
    UNSUPPORTED,
    /** The signing key is not one of the trusted keys. */
    UNKNOWN_KEY,
    /** A signature does not verify. */
    BAD_SIGNATURE,
    /** The certificate chain does not lead to a trusted root. */
    CHAIN_INVALID,
    /** A certificate is outside its validity period. */
    CERTIFICATE_EXPIRED,
    /** The signing certificate may not be used for code signing. */
    CERTIFICATE_USAGE,
    /** A file's content does not match its signed digest. */
    DIGEST_MISMATCH,
    /** A file is present that the signature does not cover. */
    UNSIGNED_FILE,
    /** A signed file is missing. */
    MISSING_FILE,
    /** A path is unsafe: a symbolic link, absolute, with {@code ..}, a backslash or a duplicate. */
    UNSAFE_PATH,
    /** Fewer distinct trusted keys signed than the role's threshold requires. */
    THRESHOLD,
    /** Metadata or a directive has expired (freeze attack). */
    EXPIRED,
    /** A version is lower than one already trusted (rollback attack). */
    ROLLBACK,
    /** Metadata pieces do not belong together (mix-and-match attack). */
    INCONSISTENT,
    /** Data is longer than its declared or allowed length (endless-data attack). */
    TOO_LARGE,
    /** A directive is for another device. */
    WRONG_DEVICE,
    /** A directive does not answer this device's request (replay). */
    REPLAYED,
    /** A directive or lookup names a target the trusted targets metadata does not list. */
    UNKNOWN_TARGET
  }

  private final Failure failure;

  public VerificationException(Failure failure, String message) {
    super(message);
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  public VerificationException(Failure failure, String message, Throwable cause) {
    super(message, cause);
    this.failure = Objects.requireNonNull(failure, "failure");
  }

  /** The stable reason code. */
  public Failure failure() {
    return failure;
  }
}
