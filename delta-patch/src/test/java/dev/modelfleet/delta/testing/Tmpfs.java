package dev.modelfleet.delta.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Small real file systems for full-disk tests. Mounting needs root on Linux; tests skip without.
 */
public final class Tmpfs {
  private Tmpfs() {}

  /** Mounts a tmpfs of {@code size} (e.g. "16m") on {@code dir}; false if not permitted here. */
  public static boolean mount(Path dir, String size) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    return run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString()) == 0;
  }

  public static void unmount(Path dir) throws IOException, InterruptedException {
    run("umount", dir.toString());
  }

  /** Takes the free space of {@code mount}'s file system with {@code filler}, once. */
  public static void fillOnce(Path mount, Path filler) {
    if (Files.exists(filler)) {
      return;
    }
    try {
      Files.write(filler, new byte[(int) Files.getFileStore(mount).getUsableSpace()]);
    } catch (IOException e) {
      // the file system is full now either way
    }
  }

  private static int run(String... command) throws IOException, InterruptedException {
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .start()
        .waitFor();
  }
}
