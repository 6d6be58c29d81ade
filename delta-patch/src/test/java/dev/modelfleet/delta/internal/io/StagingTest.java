package dev.modelfleet.delta.internal.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Partial files: a dead writer's are removed by the next writer of the same destination, a live
 * writer's (in this JVM or in another process) are not. The other processes are real JVMs, so the
 * operating system's locks are what is tested.
 */
class StagingTest {
  @TempDir Path dir;

  /**
   * {@code hold DESTINATION}: creates a partial file, prints its path, waits for a line on stdin.
   * {@code sweep DESTINATION}: removes the stale partial files, prints how many.
   */
  public static void main(String[] args) throws Exception {
    Path destination = Path.of(args[1]);
    if (args[0].equals("hold")) {
      try (Staging s = Staging.create(destination)) {
        System.out.println(s.file());
        System.out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      }
    } else {
      System.out.println(Staging.removeStale(destination));
    }
  }

  @Test
  void removesTheUnheldPartialFilesOfItsDestinationAndNoOthers() throws IOException {
    Path target = dir.resolve("model.gguf");
    Path stale = Files.write(dir.resolve(".model.gguf.8190261540123.partial"), new byte[4096]);
    List<Path> others =
        List.of(
            Files.writeString(target, "installed"),
            Files.writeString(dir.resolve(".model.gguf.v2.123.partial"), "another target's"),
            Files.writeString(dir.resolve(".other.gguf.123.partial"), "another target's"),
            Files.writeString(dir.resolve(".model.gguf.partial"), "not a staging name"),
            Files.writeString(dir.resolve(".model.gguf.12ab.partial"), "not a staging name"),
            Files.writeString(dir.resolve("model.gguf.123.partial"), "not hidden"));
    Files.createDirectory(dir.resolve(".model.gguf.456.partial"));

    try (Staging s = Staging.create(target)) {
      assertThat(stale).doesNotExist();
      assertThat(s.file()).exists().hasParent(dir.toAbsolutePath());
      assertThat(s.file().getFileName().toString()).matches("\\.model\\.gguf\\.[0-9]+\\.partial");
    }
    assertThat(others).allMatch(Files::isRegularFile);
    assertThat(dir.resolve(".model.gguf.456.partial")).isDirectory();
    assertThat(Files.readString(target)).isEqualTo("installed");
  }

  @Test
  void leavesThePartialFileOfAWriterInThisJvm() throws IOException {
    Path target = dir.resolve("model.gguf");
    try (Staging first = Staging.create(target);
        Staging second = Staging.create(target)) {
      assertThat(first.file()).exists();
      assertThat(second.file()).exists();
      assertThat(Staging.removeStale(target)).isZero();
    }
    assertThat(files()).isEmpty();
  }

  @Test
  void leavesAnotherProcesssPartialFileUntilThatProcessIsKilled() throws Exception {
    Path target = dir.resolve("model.gguf");
    Process holder = start("hold", target);
    try {
      Path held = Path.of(firstLine(holder));
      assertThat(held).exists();

      try (Staging mine = Staging.create(target)) {
        assertThat(held).as("a live writer's partial file").exists();
        assertThat(mine.file()).isNotEqualTo(held);
      }

      holder.destroyForcibly(); // SIGKILL on Unix: nothing of the holder runs after it
      assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(held).as("what the killed writer left").exists();
      try (Staging mine = Staging.create(target)) {
        assertThat(held).as("removed by the next writer").doesNotExist();
        assertThat(files()).containsExactly(mine.file());
      }
    } finally {
      holder.destroyForcibly();
    }
  }

  @Test
  void holdLockTakesTheLockAgainAfterAnotherChannelOfTheFileClosed() throws Exception {
    assumeThat(System.getProperty("os.name")).as("POSIX record locks").doesNotStartWith("Windows");
    Path target = dir.resolve("model.gguf");
    try (Staging s = Staging.create(target)) {
      // A writer's own channel, opened and closed (a failed direct I/O probe does this): the
      // kernel drops this process's lock, so another process takes the file for a dead writer's.
      FileChannel.open(s.file(), StandardOpenOption.WRITE).close();
      assertThat(sweepInAnotherProcess(target)).isEqualTo("1");
      assertThat(s.file()).doesNotExist();
      assertThatThrownBy(s::publish)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("was removed before it could become " + target)
          .hasMessageContaining("another process");
      assertThat(target).doesNotExist();
    }
    try (Staging s = Staging.create(target)) {
      FileChannel.open(s.file(), StandardOpenOption.WRITE).close();
      s.holdLock();
      assertThat(sweepInAnotherProcess(target)).isEqualTo("0");
      assertThat(s.file()).exists();
    }
  }

  @Test
  void publishRenamesOverTheDestinationAndCloseDeletesAnUnpublishedFile() throws IOException {
    Path target = Files.writeString(dir.resolve("model.gguf"), "old");
    Path unpublished;
    try (Staging s = Staging.create(target)) {
      unpublished = s.file();
      Files.writeString(s.file(), "half");
    }
    assertThat(unpublished).doesNotExist();
    assertThat(Files.readString(target)).isEqualTo("old");

    try (Staging s = Staging.create(target)) {
      Files.writeString(s.file(), "new");
      s.publish();
    }
    assertThat(Files.readString(target)).isEqualTo("new");
    assertThat(files()).containsExactly(target.toAbsolutePath());
  }

  @Test
  void aNewFileGetsTheUsualPermissionsAndAReplacementKeepsTheOldFilesOnes() throws IOException {
    assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
    Path usual = Files.createFile(dir.resolve("usual"));
    Path target = dir.resolve("model.gguf");
    try (Staging s = Staging.create(target)) {
      assertThat(Files.getPosixFilePermissions(s.file()))
          .as("what any new file gets here (the umask's), not owner-only")
          .isEqualTo(Files.getPosixFilePermissions(usual));
      s.publish();
    }

    Set<PosixFilePermission> groupReads = PosixFilePermissions.fromString("rw-r-----");
    Files.setPosixFilePermissions(target, groupReads);
    try (Staging s = Staging.create(target)) {
      assertThat(Files.getPosixFilePermissions(s.file())).isEqualTo(groupReads);
      s.publish();
    }
    assertThat(Files.getPosixFilePermissions(target)).isEqualTo(groupReads);
  }

  @Test
  void aDestinationWithoutAFileNameIsRefused() {
    assertThatThrownBy(() -> Staging.create(dir.getRoot()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("has no directory");
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(Path::toAbsolutePath).toList();
    }
  }

  private static String sweepInAnotherProcess(Path target) throws Exception {
    Process p = start("sweep", target);
    try {
      String out = firstLine(p);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isZero();
      return out;
    } finally {
      p.destroyForcibly();
    }
  }

  private static Process start(String mode, Path target) throws IOException {
    return new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp",
            System.getProperty("java.class.path"),
            StagingTest.class.getName(),
            mode,
            target.toString())
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  private static String firstLine(Process p) throws IOException {
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line = r.readLine();
    assertThat(line).as("the other process's output").isNotNull();
    return line;
  }
}
