package dev.modelfleet.signing.oms;

import java.util.List;
import java.util.Optional;

/** Rules for model-relative POSIX paths in resources and ignore lists. */
final class PathRules {
  /** Excluded at the top level of every model directory (OMS §6.2). */
  public static final List<String> DEFAULT_IGNORES =
      List.of(".git", ".gitattributes", ".github", ".gitignore");

  private PathRules() {}

  /**
   * Why {@code name} is not a safe canonical relative path, or empty if it is: no absolute path, no
   * {@code ..} or {@code .} segment, no empty segment, no backslash, no NUL, no trailing slash.
   */
  public static Optional<String> problem(String name) {
    if (name.isEmpty()) {
      return Optional.of("empty path");
    }
    if (name.startsWith("/")) {
      return Optional.of("absolute path");
    }
    if (name.indexOf('\\') >= 0) {
      return Optional.of("backslash in path");
    }
    if (name.indexOf('\0') >= 0) {
      return Optional.of("NUL in path");
    }
    if (name.endsWith("/")) {
      return Optional.of("trailing slash");
    }
    for (String seg : name.split("/", -1)) {
      if (seg.isEmpty()) {
        return Optional.of("empty path segment");
      }
      if (seg.equals("..")) {
        return Optional.of("parent directory (..) in path");
      }
      if (seg.equals(".")) {
        return Optional.of("'.' segment in path");
      }
    }
    return Optional.empty();
  }

  /** Whether {@code name} is {@code ignored} or lies below it. */
  public static boolean isUnder(String name, String ignored) {
    return name.equals(ignored) || name.startsWith(ignored + "/");
  }

  /** Splits a shard name {@code path:start:end} at its last two colons. */
  public static Optional<Shard> shard(String name) {
    int b = name.lastIndexOf(':');
    if (b <= 0) {
      return Optional.empty();
    }
    int a = name.lastIndexOf(':', b - 1);
    if (a <= 0) {
      return Optional.empty();
    }
    try {
      long start = Long.parseLong(name.substring(a + 1, b));
      long end = Long.parseLong(name.substring(b + 1));
      if (start < 0 || end <= start || !name.substring(a + 1).equals(start + ":" + end)) {
        return Optional.empty();
      }
      return Optional.of(new Shard(name.substring(0, a), start, end));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A parsed shard name. */
  public record Shard(String path, long start, long end) {}
}
