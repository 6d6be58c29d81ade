package dev.modelfleet.delta.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import dev.modelfleet.delta.create.EncodeListener;
import dev.modelfleet.delta.create.PatchEncoder;
import dev.modelfleet.delta.testing.SlowApply;
import dev.modelfleet.delta.testing.TestFiles;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cancelling by interrupting the thread that applies or encodes, as an app does when its update job
 * is stopped: the call ends with one {@link InterruptedIOException}, whatever the thread was
 * blocked in, and the thread still interrupted; the installed file is as it was, no partial file
 * and no worker thread is left, and the next call succeeds.
 */
class CancelTest {
  @TempDir Path dir;
  private Path source;
  private Path patch;
  private Path models;
  private Path installed;
  private byte[] newer;

  @BeforeEach
  void pair() throws IOException {
    // Unrelated files: about 96 literal sections, so there is time to cancel in the middle.
    byte[] older = TestFiles.random(21, 24 << 20);
    newer = TestFiles.random(22, 24 << 20);
    source = TestFiles.write(dir.resolve("source"), older);
    Path target = TestFiles.write(dir.resolve("target"), newer);
    patch = dir.resolve("patch");
    PatchEncoder.builder().sectionBytes(256 << 10).build().encode(source, target, patch);
    models = Files.createDirectories(dir.resolve("models"));
    installed = Files.writeString(models.resolve("model.gguf"), "the installed model");
  }

  @ParameterizedTest(name = "verifySourceFirst={0}")
  @ValueSource(booleans = {false, true})
  void anApplyInterruptedWhileWritingStopsCleanly(boolean verifySourceFirst) throws Exception {
    ApplyListener cancelHalfway =
        new ApplyListener() {
          @Override
          public void progress(long written, long targetSize) {
            if (written > targetSize / 2) {
              Thread.currentThread().interrupt();
            }
          }
        };
    PatchApplier applier =
        PatchApplier.builder().listener(cancelHalfway).verifySourceFirst(verifySourceFirst).build();

    assertCancelled(
        () -> applier.apply(source, patch, installed),
        "the apply to " + installed + " was interrupted; that file is unchanged");
    assertApplyLeftNothing();
  }

  @Test
  void anApplyInterruptedWhileCheckingTheSourceStopsCleanly() throws Exception {
    // The check runs on the caller's thread before anything is written.
    Thread.currentThread().interrupt();
    PatchApplier applier = PatchApplier.builder().verifySourceFirst(true).build();

    assertCancelled(
        () -> applier.apply(source, patch, installed),
        "the apply to " + installed + " was interrupted; that file is unchanged");
    assertApplyLeftNothing();
  }

  @Test
  void anApplyInterruptedFromAnotherThreadAtAnyMomentStopsCleanly() throws Exception {
    // A slowed apply (about 2 ms a section), interrupted after 0, 10, 20, ... ms by another thread.
    PatchApplier applier = PatchApplier.builder().listener(SlowApply.listener(2)).build();
    for (int delayMs = 0; delayMs <= 150; delayMs += 10) {
      AtomicReference<Throwable> outcome = new AtomicReference<>();
      AtomicReference<Boolean> stillInterrupted = new AtomicReference<>(false);
      CountDownLatch started = new CountDownLatch(1);
      Thread t =
          new Thread(
              () -> {
                started.countDown();
                try {
                  applier.apply(source, patch, installed);
                } catch (Throwable e) {
                  outcome.set(e);
                  stillInterrupted.set(Thread.currentThread().isInterrupted());
                }
              });
      t.start();
      started.await();
      Thread.sleep(delayMs);
      t.interrupt();
      t.join(TimeUnit.SECONDS.toMillis(30));
      assertThat(t.isAlive()).as("the apply ended after the interrupt").isFalse();

      Throwable e = outcome.get();
      if (e == null) {
        // It finished before the interrupt: a complete, correct update.
        assertThat(Files.readAllBytes(installed)).isEqualTo(newer);
        break;
      }
      assertThat(e)
          .as("after %d ms", delayMs)
          .isInstanceOf(InterruptedIOException.class)
          .hasMessage("the apply to " + installed + " was interrupted; that file is unchanged");
      assertThat(stillInterrupted.get()).as("the interrupt is kept").isTrue();
      assertThat(Files.readString(installed)).isEqualTo("the installed model");
      assertThat(names(models)).as("after %d ms", delayMs).containsExactly("model.gguf");
    }
    assertNoWorkerThreadsLeft();
    PatchApplier.create().apply(source, patch, installed);
    assertThat(Files.readAllBytes(installed)).isEqualTo(newer);
  }

  @Test
  void aDownloadTimeoutIsNotMistakenForACancel() throws Exception {
    // SocketTimeoutException is an InterruptedIOException too, with no interrupt behind it.
    byte[] bytes = Files.readAllBytes(patch);
    InputStream download =
        new FilterInputStream(new ByteArrayInputStream(bytes, 0, 4 << 20)) {
          @Override
          public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
              throw new SocketTimeoutException("Read timed out");
            }
            return n;
          }
        };

    assertThatThrownBy(() -> PatchApplier.create().apply(source, download, installed, null))
        .isExactlyInstanceOf(SocketTimeoutException.class)
        .hasMessage("Read timed out");
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
    assertThat(Files.readString(installed)).isEqualTo("the installed model");
    assertThat(names(models)).containsExactly("model.gguf");
  }

  @Test
  void anEncodeInterruptedHalfwayStopsCleanly() throws Exception {
    Path target = dir.resolve("target");
    Path patches = Files.createDirectories(dir.resolve("patches"));
    Path out = Files.writeString(patches.resolve("update.patch"), "an older patch");
    EncodeListener cancelHalfway =
        new EncodeListener() {
          @Override
          public void progress(long done, long targetSize) {
            if (done > targetSize / 2) {
              Thread.currentThread().interrupt();
            }
          }
        };
    PatchEncoder encoder =
        PatchEncoder.builder().sectionBytes(256 << 10).listener(cancelHalfway).build();

    assertCancelled(
        () -> encoder.encode(source, target, out),
        "the encode to " + out + " was interrupted; that file is unchanged");
    assertThat(Files.readString(out)).isEqualTo("an older patch");
    assertThat(names(patches)).containsExactly("update.patch");
    assertNoWorkerThreadsLeft();

    PatchEncoder.builder().sectionBytes(256 << 10).build().encode(source, target, out);
    assertThat(Files.size(out)).isGreaterThan(newer.length / 2);
  }

  private interface Call {
    void run() throws Exception;
  }

  /** Runs {@code call} on this thread: it must say it was cancelled and keep the interrupt. */
  private static void assertCancelled(Call call, String message) throws Exception {
    try {
      call.run();
      fail("the call finished although its thread was interrupted");
    } catch (InterruptedIOException e) {
      assertThat(e).hasMessage(message);
      assertThat(Thread.interrupted()).as("the thread is still interrupted").isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  private void assertApplyLeftNothing() throws Exception {
    assertThat(Files.readString(installed)).isEqualTo("the installed model");
    assertThat(names(models)).containsExactly("model.gguf");
    assertNoWorkerThreadsLeft();
    PatchApplier.create().apply(source, patch, installed);
    assertThat(Files.readAllBytes(installed)).isEqualTo(newer);
  }

  private static void assertNoWorkerThreadsLeft() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<String> left = workerThreads();
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(20);
      left = workerThreads();
    }
    assertThat(left).as("threads of the delta library still running").isEmpty();
  }

  private static List<String> workerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(n -> n.startsWith("modelfleet-delta"))
        .toList();
  }

  private static List<String> names(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
