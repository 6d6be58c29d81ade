package dev.modelfleet.signing.metadata;

/**
 * The highest versions a device has trusted; it persists this after every update so a restart
 * cannot be rolled back. Zero means "none yet".
 */
public record VersionFloor(long root, long timestamp, long snapshot, long targets) {
  /** A device that has trusted nothing beyond its initial root. */
  public static final VersionFloor NONE = new VersionFloor(0, 0, 0, 0);

  public VersionFloor {
    if (root < 0 || timestamp < 0 || snapshot < 0 || targets < 0) {
      throw new IllegalArgumentException("versions must not be negative");
    }
  }
}
