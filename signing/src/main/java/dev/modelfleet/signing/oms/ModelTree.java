package dev.modelfleet.signing.oms;

import dev.modelfleet.signing.VerificationException;
import dev.modelfleet.signing.VerificationException.Failure;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Enumerates the regular files of a model file or directory, as OMS §6.1 prescribes. */
final class ModelTree {
  private ModelTree() {}

  /**
   * The model's files sorted by name (UTF-16 order equals code point order for the BMP; names are
   * compared as OMS requires by {@link #byCodePoint}).
   *
   * @param model a regular file or a directory
   * @param ignores model-relative paths to exclude (with their subtrees); for a directory the
   *     default ignores apply too
   * @throws VerificationException {@link Failure#UNSAFE_PATH} for a symbolic link (unless allowed),
   *     a special file, or a name with a backslash
   */
  public static List<ModelFile> files(Path model, Collection<String> ignores, boolean allowSymlinks)
      throws IOException, VerificationException {
    BasicFileAttributes top =
        Files.readAttributes(model, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    if (top.isSymbolicLink()) {
      if (!allowSymlinks) {
        throw unsafe("model path " + model + " is a symbolic link (symlinks are not allowed)");
      }
      top = Files.readAttributes(model, BasicFileAttributes.class);
    }
    if (top.isRegularFile()) {
      Path name = model.getFileName();
      return List.of(
          new ModelFile(name == null ? model.toString() : name.toString(), model, top.size()));
    }
    if (!top.isDirectory()) {
      throw unsafe("model path " + model + " is neither a regular file nor a directory");
    }
    Set<String> ignored = new TreeSet<>(PathRules.DEFAULT_IGNORES);
    ignored.addAll(ignores);
    List<ModelFile> out = new ArrayList<>();
    List<VerificationException> failures = new ArrayList<>();
    Files.walkFileTree(
        model,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
            if (dir.equals(model)) {
              return FileVisitResult.CONTINUE;
            }
            return isIgnored(relative(model, dir), ignored)
                ? FileVisitResult.SKIP_SUBTREE
                : FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            String name = relative(model, file);
            if (isIgnored(name, ignored)) {
              return FileVisitResult.CONTINUE;
            }
            if (name.indexOf('\\') >= 0) {
              failures.add(unsafe("file name with a backslash: " + name));
              return FileVisitResult.TERMINATE;
            }
            if (attrs.isSymbolicLink()) {
              if (!allowSymlinks) {
                failures.add(
                    unsafe("symbolic link " + name + " refused (symlinks are not allowed)"));
                return FileVisitResult.TERMINATE;
              }
              BasicFileAttributes target = Files.readAttributes(file, BasicFileAttributes.class);
              if (!target.isRegularFile()) {
                failures.add(unsafe("symbolic link " + name + " does not point to a regular file"));
                return FileVisitResult.TERMINATE;
              }
              out.add(new ModelFile(name, file, target.size()));
              return FileVisitResult.CONTINUE;
            }
            if (!attrs.isRegularFile()) {
              failures.add(unsafe("special file " + name + " refused"));
              return FileVisitResult.TERMINATE;
            }
            out.add(new ModelFile(name, file, attrs.size()));
            return FileVisitResult.CONTINUE;
          }
        });
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
    out.sort(Comparator.comparing(ModelFile::name, ModelTree::byCodePoint));
    return out;
  }

  static boolean isIgnored(String name, Set<String> ignored) {
    for (String i : ignored) {
      if (PathRules.isUnder(name, i)) {
        return true;
      }
    }
    return false;
  }

  static String relative(Path root, Path p) {
    Path rel = root.relativize(p);
    StringBuilder sb = new StringBuilder();
    for (Path seg : rel) {
      if (sb.length() > 0) {
        sb.append('/');
      }
      sb.append(seg.toString());
    }
    return sb.toString();
  }

  /** Unicode code point order (what OMS requires), which differs from UTF-16 order above U+FFFF. */
  public static int byCodePoint(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }

  private static VerificationException unsafe(String message) {
    return new VerificationException(Failure.UNSAFE_PATH, message);
  }
}
