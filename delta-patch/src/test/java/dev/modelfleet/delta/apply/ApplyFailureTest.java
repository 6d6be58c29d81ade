package dev.modelfleet.delta.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.PatchException.Reason;
import dev.modelfleet.delta.Sha256;
import dev.modelfleet.delta.create.PatchEncoder;
import dev.modelfleet.delta.internal.bytes.Le;
import dev.modelfleet.delta.internal.format.PatchFormat;
import dev.modelfleet.delta.testing.PatchBuilder;
import dev.modelfleet.delta.testing.TestFiles;
import dev.modelfleet.delta.testing.Tmpfs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every way an apply can fail leaves the target path as it was, and says why. */
class ApplyFailureTest {
  @TempDir Path dir;
  Path source;
  Path target;
  byte[] targetBytes;
  byte[] patch;
  Path out;

  @BeforeEach
  void patch() throws IOException {
    byte[] a = TestFiles.random(1, 3 << 20);
    byte[] b = TestFiles.insert(a, 100_000, TestFiles.text(2, 200_000));
    b = TestFiles.delete(b, 2_000_000, 300_000);
    source = TestFiles.write(dir.resolve("source"), a);
    target = TestFiles.write(dir.resolve("target"), b);
    targetBytes = b;
    Path p = dir.resolve("patch");
    PatchEncoder.builder().sectionBytes(64 << 10).build().encode(source, target, p);
    patch = Files.readAllBytes(p);
    Files.delete(p);
    out = dir.resolve("out").resolve("new.bin");
    Files.createDirectories(out.getParent());
  }

  PatchApplier applier(boolean sourceFirst) {
    return PatchApplier.builder().verifySourceFirst(sourceFirst).build();
  }

  /** Applies the patch with the target written through {@code outputs}. */
  ApplyResult applyWritingTo(TargetOutput.Factory outputs) throws IOException {
    return new ApplyRun(
            source, new ByteArrayInputStream(patch), out, null, PatchApplier.create(), outputs)
        .run();
  }

  ApplyResult apply(byte[] patchBytes) throws IOException {
    return apply(patchBytes, out);
  }

  ApplyResult apply(byte[] patchBytes, Path to) throws IOException {
    return applier(false).apply(source, new ByteArrayInputStream(patchBytes), to, null);
  }

  Reason reasonOf(byte[] patchBytes) {
    try {
      apply(patchBytes);
    } catch (PatchException e) {
      return e.reason();
    } catch (IOException e) {
      throw new AssertionError("not a PatchException", e);
    }
    throw new AssertionError("apply succeeded");
  }

  void assertNothingWritten() throws IOException {
    try (Stream<Path> files = Files.list(out.getParent())) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aValidPatchWritesTheTarget() throws IOException {
    ApplyResult r = apply(patch);
    assertThat(Files.readAllBytes(out)).isEqualTo(targetBytes);
    assertThat(r.sha256()).isEqualTo(PatchBuilder.sha256(targetBytes));
    assertThat(r.sections()).isGreaterThan(2);
    assertThat(r.patchBytes()).isEqualTo(patch.length);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aSourceWithOtherBytesFailsWithSourceMismatchAndLeavesNoTarget(boolean sourceFirst)
      throws IOException {
    byte[] other = Files.readAllBytes(source);
    other[other.length / 2] ^= 1;
    Files.write(source, other);
    assertThatThrownBy(
            () -> applier(sourceFirst).apply(source, new ByteArrayInputStream(patch), out, null))
        .isInstanceOf(PatchException.class)
        .hasMessageContaining("the patch was made from a file with SHA-256")
        .extracting(e -> ((PatchException) e).reason())
        .isEqualTo(Reason.SOURCE_MISMATCH);
    assertNothingWritten();
  }

  @Test
  void aSourceOfAnotherSizeFailsBeforeAnythingIsWritten() throws IOException {
    Files.write(source, TestFiles.random(9, 1000));
    assertThat(reasonOf(patch)).isEqualTo(Reason.SOURCE_MISMATCH);
    assertNothingWritten();
  }

  @Test
  void aDirectoryGivenAsTheSourceOrThePatchIsNamed() throws IOException {
    Path patchFile = Files.write(dir.resolve("patch"), patch);
    Path folder = Files.createDirectories(dir.resolve("models"));

    assertThatThrownBy(() -> PatchApplier.create().apply(folder, patchFile, out))
        .isInstanceOf(FileSystemException.class)
        .hasMessage(folder + ": is a directory, not a file");
    assertThatThrownBy(() -> PatchApplier.create().apply(source, folder, out))
        .isInstanceOf(FileSystemException.class)
        .hasMessage(folder + ": is a directory, not a file");
    assertNothingWritten();
  }

  @Test
  void aTargetThatWouldReplaceThePatchIsRefused() throws IOException {
    Path patchFile = Files.write(out, patch);

    assertThatThrownBy(() -> PatchApplier.create().apply(source, patchFile, out))
        .isInstanceOf(FileSystemException.class)
        .hasMessage(out + ": is the patch itself; writing there would destroy it");
    assertThat(Files.readAllBytes(out)).isEqualTo(patch);
    try (Stream<Path> files = Files.list(out.getParent())) {
      assertThat(files).containsExactly(out);
    }
  }

  @Test
  void aDirectoryAsTheTargetIsNamedBeforeAnyWork() throws IOException {
    Path folder = Files.createDirectories(out.resolveSibling("folder"));

    assertThatThrownBy(() -> apply(patch, folder))
        .isInstanceOf(FileSystemException.class)
        .hasMessage(folder + ": is a directory; name a file to write");
    try (Stream<Path> files = Files.list(out.getParent())) {
      assertThat(files).containsExactly(folder);
    }
  }

  @Test
  void aTargetInADirectoryThatDoesNotExistIsNamed() {
    Path missing = dir.resolve("no-such-dir");

    assertThatThrownBy(() -> apply(patch, missing.resolve("new.bin")))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(missing + ": no such directory to write new.bin in");
    assertThat(missing).doesNotExist();
  }

  @Test
  void aTruncatedPatchFailsWithTruncatedAtEveryLength() throws IOException {
    List<Integer> cuts = new ArrayList<>(List.of(0, 1, 7, 8, 11, 99, 100, 101, 131, 132));
    for (int i = 1; i < 40; i++) {
      cuts.add((int) ((long) patch.length * i / 40));
    }
    cuts.add(patch.length - 36);
    cuts.add(patch.length - 1);
    for (int cut : cuts) {
      Reason r = reasonOf(Arrays.copyOf(patch, cut));
      assertThat(r).as("cut at %d of %d", cut, patch.length).isEqualTo(Reason.TRUNCATED);
      assertNothingWritten();
    }
  }

  @Test
  void aFlippedBitAnywhereIsDetected() throws IOException {
    for (int i = 0; i < patch.length; i += Math.max(1, patch.length / 300)) {
      byte[] bad = patch.clone();
      bad[i] ^= (byte) (1 << (i % 8));
      assertThat(reasonOf(bad))
          .as("bit flipped at %d", i)
          .isIn(Reason.CORRUPT, Reason.NOT_A_PATCH, Reason.UNSUPPORTED_VERSION, Reason.TRUNCATED);
      assertNothingWritten();
    }
  }

  @Test
  void anUnknownVersionFailsWithUnsupportedVersion() throws IOException {
    byte[] v2 = patch.clone();
    Le.put32(v2, 8, 2);
    assertThatThrownBy(() -> apply(v2))
        .isInstanceOf(PatchException.class)
        .hasMessageContaining("unsupported delta patch format version 2")
        .extracting(e -> ((PatchException) e).reason())
        .isEqualTo(Reason.UNSUPPORTED_VERSION);
    byte[] flags = patch.clone();
    Le.put32(flags, 12, 1);
    recrcHeader(flags);
    assertThat(reasonOf(flags)).isEqualTo(Reason.UNSUPPORTED_VERSION);
    assertNothingWritten();
  }

  @Test
  void otherFilesAreNotPatches() throws IOException {
    assertThat(reasonOf("GGUF and more".getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
        .isEqualTo(Reason.NOT_A_PATCH);
    assertThat(reasonOf(new byte[0])).isEqualTo(Reason.TRUNCATED);
    assertNothingWritten();
  }

  @Test
  void dataAfterTheEndSectionIsCorrupt() throws IOException {
    assertThat(reasonOf(Arrays.copyOf(patch, patch.length + 1))).isEqualTo(Reason.CORRUPT);
    assertNothingWritten();
  }

  @Test
  void aHeaderPromisingAnotherTargetFailsWithTargetMismatch() throws IOException {
    byte[] bad = patch.clone();
    bad[64] ^= 1;
    recrcHeader(bad);
    assertThatThrownBy(() -> apply(bad))
        .isInstanceOf(PatchException.class)
        .hasMessageContaining("differs from the patch's target")
        .extracting(e -> ((PatchException) e).reason())
        .isEqualTo(Reason.TARGET_MISMATCH);
    assertNothingWritten();
  }

  @Test
  void anUnexpectedTargetFailsBeforeReadingTheSource() throws IOException {
    Files.delete(source);
    Sha256 expected = Sha256.fromHex("ab".repeat(32));
    assertThatThrownBy(
            () -> applier(false).apply(source, new ByteArrayInputStream(patch), out, expected))
        .isInstanceOf(PatchException.class)
        .extracting(e -> ((PatchException) e).reason())
        .isEqualTo(Reason.TARGET_MISMATCH);
    assertNothingWritten();
  }

  @Test
  void aFullDiskFailsWithAnIoErrorAndLeavesNoTemporaryFile() throws IOException {
    TargetOutput.Factory fullAfter1MiB =
        temp -> {
          TargetOutput real = TargetOutput.FILES.open(temp);
          return new TargetOutput() {
            long written;

            @Override
            public void write(ByteBuffer src) throws IOException {
              if (written + src.remaining() > (1 << 20)) {
                throw new IOException("No space left on device");
              }
              written += src.remaining();
              real.write(src);
            }

            @Override
            public void force() throws IOException {
              real.force();
            }

            @Override
            public void close() throws IOException {
              real.close();
            }
          };
        };
    assertThatThrownBy(() -> applyWritingTo(fullAfter1MiB))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(PatchException.class)
        .hasMessageContaining("No space left on device")
        .hasMessageContaining("cannot write the target");
    assertNothingWritten();
  }

  @Test
  void aBackgroundFlushThatFailsFailsTheApplyAndLeavesNoTemporaryFile() throws IOException {
    // Delayed allocation reports a full disk when the data is flushed, not when it is written.
    TargetOutput.Factory fullWhenFlushed =
        temp ->
            new FileOutput(
                java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE),
                metadata -> {
                  throw new IOException("No space left on device");
                },
                256 << 10);
    assertThatThrownBy(() -> applyWritingTo(fullWhenFlushed))
        .isInstanceOf(IOException.class)
        .isNotInstanceOf(PatchException.class)
        .hasMessageContaining("writing the target to disk failed: No space left on device");
    assertNothingWritten();
  }

  /**
   * On a real file system too small for the target (a 2 MiB tmpfs, a 3 MiB target) the apply fails
   * before writing. Needs permission to mount (root on Linux); skipped elsewhere.
   */
  @Test
  void aTooSmallTmpfsFailsBeforeWritingAndLeavesItEmpty() throws Exception {
    Path mount = dir.resolve("tmpfs");
    Assumptions.assumeTrue(Tmpfs.mount(mount, "2m"), "cannot mount a tmpfs here");
    try {
      Path small = mount.resolve("new.bin");
      assertThatThrownBy(
              () ->
                  PatchApplier.create().apply(source, new ByteArrayInputStream(patch), small, null))
          .isInstanceOf(IOException.class)
          .isNotInstanceOf(PatchException.class)
          .hasMessageContaining("not enough free space")
          .hasMessageContaining("needs " + targetBytes.length + " bytes");
      try (Stream<Path> files = Files.list(mount)) {
        assertThat(files).isEmpty();
      }
    } finally {
      Tmpfs.unmount(mount);
    }
  }

  /**
   * A disk that fills up in the middle of an apply, for real: a 16 MiB tmpfs, a 12 MiB target, and
   * another file taking the remaining space once the first 1 MiB is written. The apply's own writes
   * (direct I/O, the default) then fail. Needs permission to mount; skipped elsewhere.
   */
  @Test
  void aDiskThatFillsUpDuringTheApplyFailsItAndLeavesOnlyTheOtherFile() throws Exception {
    Path mount = dir.resolve("tmpfs16");
    Assumptions.assumeTrue(Tmpfs.mount(mount, "16m"), "cannot mount a tmpfs here");
    try {
      byte[] a = TestFiles.random(3, 12 << 20);
      byte[] b = TestFiles.insert(a, 6 << 20, TestFiles.text(4, 100_000));
      Path big = TestFiles.write(dir.resolve("big-source"), a);
      Path bigTarget = TestFiles.write(dir.resolve("big-target"), b);
      Path bigPatch = dir.resolve("big-patch");
      PatchEncoder.builder().sectionBytes(64 << 10).build().encode(big, bigTarget, bigPatch);
      Path filler = mount.resolve("other-file");
      ApplyListener fillTheDisk =
          new ApplyListener() {
            @Override
            public void progress(long written, long targetSize) {
              if (written >= (1 << 20)) {
                Tmpfs.fillOnce(mount, filler);
              }
            }
          };
      Path target = mount.resolve("new.bin");
      assertThatThrownBy(
              () ->
                  PatchApplier.builder().listener(fillTheDisk).build().apply(big, bigPatch, target))
          .isInstanceOf(IOException.class)
          .isNotInstanceOf(PatchException.class)
          .hasMessageContaining("cannot write the target")
          .hasMessageContaining("No space left on device");
      try (Stream<Path> files = Files.list(mount)) {
        assertThat(files).containsExactly(filler);
      }
    } finally {
      Tmpfs.unmount(mount);
    }
  }

  @Test
  void aFailedApplyLeavesAnExistingTargetUntouched() throws IOException {
    Files.writeString(out, "the installed model");
    byte[] bad = patch.clone();
    bad[bad.length / 2] ^= 1;
    assertThatThrownBy(() -> apply(bad)).isInstanceOf(PatchException.class);
    assertThat(Files.readString(out)).isEqualTo("the installed model");
    try (Stream<Path> files = Files.list(out.getParent())) {
      assertThat(files).containsExactly(out);
    }
    apply(patch);
    assertThat(Files.readAllBytes(out)).isEqualTo(targetBytes);
  }

  /**
   * A device updating its installed model in place: the source is the target path. A failed apply
   * leaves the installed model as it was; a good one replaces it while its old bytes are read.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void anApplyInPlaceReplacesTheSourceOnlyWhenItSucceeds(boolean sourceFirst) throws IOException {
    byte[] installed = Files.readAllBytes(source);
    byte[] bad = patch.clone();
    bad[bad.length / 2] ^= 1;
    assertThatThrownBy(
            () -> applier(sourceFirst).apply(source, new ByteArrayInputStream(bad), source, null))
        .isInstanceOf(PatchException.class);
    assertThat(Files.readAllBytes(source)).isEqualTo(installed);

    applier(sourceFirst).apply(source, new ByteArrayInputStream(patch), source, null);
    assertThat(Files.readAllBytes(source)).isEqualTo(targetBytes);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder("source", "target", "out");
    }
  }

  @Test
  void theListenerHearsStartSourceCheckAndMonotonicProgress() throws IOException {
    List<String> events = new ArrayList<>();
    List<Long> progress = new ArrayList<>();
    PatchApplier.builder()
        .listener(
            new ApplyListener() {
              @Override
              public void started(long sourceSize, long targetSize) {
                events.add("started " + sourceSize + " " + targetSize);
              }

              @Override
              public void sourceVerified(long sourceSize) {
                events.add("verified");
              }

              @Override
              public void progress(long written, long targetSize) {
                progress.add(written);
              }
            })
        .build()
        .apply(source, new ByteArrayInputStream(patch), out, null);
    assertThat(events)
        .containsExactly("started " + Files.size(source) + " " + targetBytes.length, "verified");
    assertThat(progress).isSorted().last().isEqualTo((long) targetBytes.length);
  }

  static void recrcHeader(byte[] p) {
    CRC32C c = new CRC32C();
    c.update(p, 0, 96);
    Le.put32(p, 96, c.getValue());
    assertThat(PatchFormat.HEADER_SIZE).isEqualTo(100);
  }
}
