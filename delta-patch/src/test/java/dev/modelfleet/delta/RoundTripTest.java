package dev.modelfleet.delta;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfleet.delta.apply.ApplyResult;
import dev.modelfleet.delta.apply.PatchApplier;
import dev.modelfleet.delta.create.EncodeSummary;
import dev.modelfleet.delta.create.PatchEncoder;
import dev.modelfleet.delta.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {
  @TempDir Path dir;

  EncodeSummary roundTrip(byte[] source, byte[] target) throws IOException {
    Path s = TestFiles.write(dir.resolve("source"), source);
    Path t = TestFiles.write(dir.resolve("target"), target);
    Path p = dir.resolve("patch");
    EncodeSummary summary = PatchEncoder.create().encode(s, t, p);
    Path out = dir.resolve("out");
    ApplyResult r = PatchApplier.create().apply(s, p, out);
    assertThat(Files.readAllBytes(out)).isEqualTo(target);
    assertThat(r.size()).isEqualTo(target.length);
    assertThat(summary.patchSize()).isEqualTo(Files.size(p));
    return summary;
  }

  @Test
  void identicalFilesBecomeOneCopy() throws IOException {
    byte[] a = TestFiles.random(1, 3 << 20);
    EncodeSummary s = roundTrip(a, a);
    assertThat(s.operations().get("copy").operations()).isEqualTo(1);
    assertThat(s.patchSize()).isLessThan(300);
  }

  @Test
  void insertionDeletionAndSubstitutionOnlyShipTheChangedBytes() throws IOException {
    byte[] a = TestFiles.random(2, 4 << 20);
    byte[] b = TestFiles.insert(a, 1_000_000, TestFiles.random(3, 1000));
    b = TestFiles.delete(b, 2_500_000, 5000);
    b[3_000_000] ^= 1;
    EncodeSummary s = roundTrip(a, b);
    assertThat(s.operations().get("literal").targetBytes()).isLessThan(1100);
    assertThat(s.patchSize()).isLessThan(2000);
  }

  @Test
  void unrelatedFilesAreZstdLiterals() throws IOException {
    byte[] a = TestFiles.text(4, 2 << 20);
    byte[] b = TestFiles.text(5, 2 << 20);
    EncodeSummary s = roundTrip(a, b);
    assertThat(s.operations().get("copy").operations()).isZero();
    assertThat(s.patchSize()).isLessThan(b.length / 2);
  }

  @Test
  void emptyFilesWork() throws IOException {
    roundTrip(new byte[0], new byte[0]);
    roundTrip(new byte[0], TestFiles.random(6, 1000));
    roundTrip(TestFiles.random(7, 1000), new byte[0]);
  }
}
