package dev.modelfleet.registry.support;

import dev.modelfleet.registry.error.ErrorCode;
import dev.modelfleet.registry.error.RegistryException;
import java.util.regex.Pattern;

/**
 * Rules for every name a client chooses (models, profiles, channels, users, files). Names end up in
 * URLs, blob keys, file names and log lines, so they are a small safe alphabet: no path separators,
 * no {@code ..}, no leading dot, no control characters.
 */
public final class Names {
  /** Models, profiles, channels, users, token names: lower-case, 1 to 64 characters. */
  private static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9._-]{0,62}[a-z0-9])?");

  /** Variant file names: letters, digits, {@code . _ -}, 1 to 128, not starting with a dot. */
  private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]{0,127}");

  private Names() {}

  /**
   * Returns {@code name} if it is a valid slug.
   *
   * @throws RegistryException {@link ErrorCode#INVALID_NAME} naming {@code what} otherwise
   */
  public static String requireSlug(String what, String name) {
    if (!SLUG.matcher(name).matches() || name.contains("..")) {
      throw new RegistryException(
          ErrorCode.INVALID_NAME,
          what
              + " must be 1-64 characters of a-z, 0-9, '.', '_' or '-', start and end with a"
              + " letter or digit and contain no '..'.");
    }
    return name;
  }

  /**
   * Returns {@code name} if it is a valid file name (no directories).
   *
   * @throws RegistryException {@link ErrorCode#INVALID_NAME} otherwise
   */
  public static String requireFileName(String name) {
    if (!FILE_NAME.matcher(name).matches() || name.contains("..")) {
      throw new RegistryException(
          ErrorCode.INVALID_NAME,
          "File name must be 1-128 characters of A-Z, a-z, 0-9, '.', '_' or '-', with no"
              + " directory part, no leading dot and no '..'.");
    }
    return name;
  }

  /** True if {@code name} is a valid file name. */
  public static boolean isSafeFileName(String name) {
    return FILE_NAME.matcher(name).matches() && !name.contains("..");
  }

  /** True if {@code name} is a valid slug (for lookups that answer not-found instead). */
  public static boolean isSlug(String name) {
    return SLUG.matcher(name).matches() && !name.contains("..");
  }
}
