package dev.modelfleet.delta.apply;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.PatchException.Reason;
import dev.modelfleet.delta.Sha256;
import dev.modelfleet.delta.internal.concurrent.Futures;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.FutureTask;

/**
 * Checks that the source has the SHA-256 the patch was made from, either before anything else
 * ({@link #runNow}) or on a thread of its own while sections are decoded ({@link #start}); in both
 * cases {@link #await} must succeed before the target is published.
 */
final class SourceCheck {
  private static final int CHUNK = 1 << 20;

  private final FutureTask<Sha256> task;
  private final Path source;
  private final Sha256 expected;

  private SourceCheck(Path source, long size, Sha256 expected) {
    this.source = source;
    this.expected = expected;
    // Its own channel: cancelling (interrupting) this check must not close the decoders' channel.
    this.task = new FutureTask<>(() -> hash(source, size));
  }

  static SourceCheck runNow(Path source, long size, Sha256 expected) throws IOException {
    SourceCheck c = new SourceCheck(source, size, expected);
    c.task.run();
    c.await();
    return c;
  }

  static SourceCheck start(Path source, long size, Sha256 expected) {
    SourceCheck c = new SourceCheck(source, size, expected);
    Thread t = new Thread(c.task, "modelfleet-delta-source-check");
    t.setDaemon(true);
    t.start();
    return c;
  }

  /**
   * Waits for the check.
   *
   * @throws PatchException with reason {@code SOURCE_MISMATCH} if the source has another SHA-256
   * @throws IOException if the source could not be read
   */
  void await() throws IOException {
    Sha256 actual = Futures.await(task, "checking the source");
    if (!actual.equals(expected)) {
      throw new PatchException(
          Reason.SOURCE_MISMATCH,
          "the patch was made from a file with SHA-256 "
              + expected.hex()
              + ", but "
              + source
              + " has "
              + actual.hex());
    }
  }

  void cancel() {
    task.cancel(true);
  }

  private static Sha256 hash(Path source, long size) throws IOException {
    MessageDigest md = Sha256.newDigest();
    // Direct: the kernel reads straight into it (a heap buffer costs the JDK another copy).
    ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
    long pos = 0;
    try (FileChannel ch = FileChannel.open(source, StandardOpenOption.READ)) {
      while (pos < size) {
        buf.clear();
        int n = ch.read(buf, pos);
        if (n < 0) {
          break;
        }
        buf.flip();
        md.update(buf);
        pos += n;
      }
    }
    if (pos != size) {
      throw new PatchException(
          Reason.SOURCE_MISMATCH, source + " changed size while the patch was applied");
    }
    return Sha256.of(md.digest());
  }
}
