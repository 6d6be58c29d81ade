package dev.modelfleet.registry.support;

import dev.modelfleet.registry.error.ErrorCode;
import dev.modelfleet.registry.error.RegistryException;
import java.util.regex.Pattern;

/** Release version labels: Semantic Versioning 2.0.0. */
public final class Versions {
  // The official semver.org pattern.
  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
              + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)"
              + "(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
              + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");

  private Versions() {}

  /**
   * Returns {@code version} if it is a semantic version of at most 64 characters.
   *
   * @throws RegistryException {@link ErrorCode#INVALID_VERSION} otherwise
   */
  public static String requireSemver(String version) {
    if (version.length() > 64 || !SEMVER.matcher(version).matches()) {
      throw new RegistryException(
          ErrorCode.INVALID_VERSION,
          "Version must be a semantic version such as 1.4.0 or 2.0.0-rc.1 (at most 64"
              + " characters).");
    }
    return version;
  }

  public static boolean isSemver(String version) {
    return version.length() <= 64 && SEMVER.matcher(version).matches();
  }
}
