package dev.modelfleet.delta.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.Zstd;
import dev.modelfleet.delta.apply.PatchApplier;
import dev.modelfleet.delta.testing.Models;
import dev.modelfleet.delta.testing.TestFiles;
import dev.modelfleet.delta.testing.Tmpfs;
import dev.modelfleet.gguf.GgmlType;
import dev.modelfleet.gguf.GgufFile;
import dev.modelfleet.gguf.GgufReader;
import dev.modelfleet.gguf.GgufTensorInfo;
import dev.modelfleet.gguf.GgufTensorSpec;
import dev.modelfleet.gguf.GgufValue;
import dev.modelfleet.gguf.GgufWriter;
import dev.modelfleet.gguf.generate.DeriveSpec;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The encoder on model pairs like the benchmark's, at a few MiB, checked by applying. */
class EncoderTest {
  @TempDir static Path models;
  @TempDir Path dir;

  static Path q8;
  static Path q4;

  @BeforeAll
  static void baseModels() throws IOException {
    q8 = models.resolve("q8.gguf");
    q4 = models.resolve("q4.gguf");
    Models.generate(q8, 8 << 20, GgmlType.Q8_0, 1);
    Models.generate(q4, 8 << 20, GgmlType.Q4_0, 1);
  }

  EncodeSummary roundTrip(Path source, Path target) throws IOException {
    Path patch = dir.resolve("patch");
    EncodeSummary s = PatchEncoder.create().encode(source, target, patch);
    Path out = dir.resolve("out");
    PatchApplier.create().apply(source, patch, out);
    assertThat(Files.mismatch(out, target)).isEqualTo(-1);
    assertThat(s.patchSize()).isEqualTo(Files.size(patch));
    return s;
  }

  Path derive(Path base, DeriveSpec spec) throws IOException {
    Path t = dir.resolve("derived.gguf");
    Models.derive(base, t, spec);
    return t;
  }

  @Test
  void aMetadataEditThatShiftsEveryTensorIsAFewHundredBytes() throws IOException {
    Path t =
        derive(
            q8,
            DeriveSpec.builder()
                .set("general.name", GgufValue.string("a longer name that shifts the tensors"))
                .build());
    assertThat(GgufReader.readHeader(t).dataOffset())
        .isNotEqualTo(GgufReader.readHeader(q8).dataOffset());
    EncodeSummary s = roundTrip(q8, t);
    assertThat(s.strategy()).isEqualTo("gguf");
    assertThat(s.patchSize()).isLessThan(1024);
    // Tensors are copies; the header is copies and literals or a dictionary literal.
    assertThat(s.operations().get("copy").targetBytes())
        .isGreaterThanOrEqualTo(s.targetSize() - GgufReader.readHeader(t).dataOffset());
    assertThat(s.operations().get("literal").targetBytes()).isLessThan(1024);
  }

  @Test
  void aQ8FineTuneIsUnderThirtyPercentAndAQ4FineTuneUnderTwenty() throws IOException {
    DeriveSpec ft = DeriveSpec.builder().finetune(0.01).seed(5).build();
    EncodeSummary s8 = roundTrip(q8, derive(q8, ft));
    assertThat(s8.ratio()).isLessThan(0.30);
    assertThat(s8.operations().get("transform:Q8_0").targetBytes())
        .isGreaterThan(s8.targetSize() / 2);
    EncodeSummary s4 = roundTrip(q4, derive(q4, ft));
    assertThat(s4.ratio()).isLessThan(0.20);
  }

  @ParameterizedTest
  @EnumSource(
      value = GgmlType.class,
      names = {"F32", "F16", "BF16"})
  void floatModelsRoundTripThroughTheirTransforms(GgmlType type) throws IOException {
    Path a = dir.resolve("a.gguf");
    Models.generate(a, 2 << 20, type, 3);
    EncodeSummary s = roundTrip(a, derive(a, DeriveSpec.builder().finetune(0.01).seed(4).build()));
    assertThat(s.operations()).containsKey("transform:" + type.name());
  }

  @Test
  void anUnrelatedModelCostsNoMoreThanZstdOfIt() throws IOException {
    Path u = dir.resolve("u.gguf");
    Models.generate(u, 8 << 20, GgmlType.Q8_0, 2);
    EncodeSummary s = roundTrip(q8, u);
    long zstd = Zstd.compress(Files.readAllBytes(u), 3).length;
    assertThat((double) s.patchSize() / zstd).isLessThanOrEqualTo(1.005);
  }

  @Test
  void replacedTensorsAreLiteralsAndTheRestCopies() throws IOException {
    GgufFile f = GgufReader.readHeader(q4);
    EncodeSummary s = roundTrip(q4, derive(q4, Models.replaceTensors(f, 4, 9)));
    assertThat(s.operations().get("literal").targetBytes()).isPositive();
    assertThat(s.operations().get("copy").targetBytes()).isGreaterThan(s.targetSize() / 3);
  }

  /** {@code base} with its tensors in reverse order, each named {@code prefix + name}. */
  Path reversed(Path base, String prefix) throws IOException {
    GgufFile f = GgufReader.readHeader(base);
    List<GgufTensorInfo> tensors = new ArrayList<>(f.tensors());
    Collections.reverse(tensors);
    List<GgufTensorSpec> specs = new ArrayList<>();
    for (GgufTensorInfo t : tensors) {
      specs.add(new GgufTensorSpec(prefix + t.name(), t.type(), t.dims()));
    }
    Path t = dir.resolve("reversed.gguf");
    try (OutputStream out = Files.newOutputStream(t);
        GgufReader r = GgufReader.open(base)) {
      GgufWriter w = GgufWriter.start(out, f.version(), f.metadata(), specs);
      for (GgufTensorInfo ti : tensors) {
        w.copyTensor(r, ti);
      }
      w.finish();
    }
    return t;
  }

  @Test
  void renamedAndReorderedTensorsAreFoundByContent() throws IOException {
    Path t = reversed(q8, "renamed.");
    EncodeSummary s = roundTrip(q8, t);
    assertThat(s.patchSize()).isLessThan(Files.size(t) / 50);
  }

  /**
   * The source tensors are then read backwards, so the encoder cannot hash the source on the way
   * and must fill in what it skipped (the header's source hash is checked by the apply).
   */
  @Test
  void tensorsInAnotherOrderAreCopiedWhereverTheyMoved() throws IOException {
    Path t = reversed(q4, "");
    EncodeSummary s = roundTrip(q4, t);
    assertThat(s.strategy()).isEqualTo("gguf");
    assertThat(s.operations().get("copy").targetBytes()).isGreaterThan(s.targetSize() * 9 / 10);
    assertThat(s.patchSize()).isLessThan(Files.size(t) / 50);
  }

  @Test
  void nonGgufFilesAndGgufPairsWithNothingInCommonUseChunking() throws IOException {
    byte[] text = TestFiles.text(6, 1 << 20);
    Path a = TestFiles.write(dir.resolve("a.txt"), text);
    Path b = TestFiles.write(dir.resolve("b.txt"), TestFiles.insert(text, 5000, new byte[] {1}));
    assertThat(roundTrip(a, b).strategy()).isEqualTo("generic");
    Path fixture =
        Path.of(System.getProperty("modelfleet.testdata", "../testdata"))
            .resolve("gguf/llama-2-tiny-random.gguf");
    assertThat(roundTrip(fixture, q8).strategy()).isEqualTo("generic");
    assertThat(roundTrip(a, q8).strategy()).isEqualTo("generic");
  }

  @Test
  void theSamePairGivesTheSamePatchWhateverTheThreadCount() throws IOException {
    Path t = derive(q8, DeriveSpec.builder().finetune(0.02).layers(0, 1).seed(8).build());
    Path p1 = dir.resolve("p1");
    Path p2 = dir.resolve("p2");
    PatchEncoder.builder().threads(1).build().encode(q8, t, p1);
    PatchEncoder.builder().threads(4).build().encode(q8, t, p2);
    assertThat(Files.mismatch(p1, p2)).isEqualTo(-1);
  }

  @Test
  void unrelatedTensorsSpanningManySectionsGiveTheSamePatchWhateverTheThreadCount()
      throws IOException {
    // The first section of each tensor decides, for the others, whether a literal beats the
    // transform; the patch must not depend on which thread gets there first.
    Path u = dir.resolve("u.gguf");
    Models.generate(u, 8 << 20, GgmlType.Q8_0, 2);
    Path p1 = dir.resolve("p1");
    Path p2 = dir.resolve("p2");
    EncodeSummary one =
        PatchEncoder.builder().threads(1).sectionBytes(32 << 10).build().encode(q8, u, p1);
    PatchEncoder.builder().threads(4).sectionBytes(32 << 10).build().encode(q8, u, p2);
    assertThat(Files.mismatch(p1, p2)).isEqualTo(-1);
    assertThat(one.operations()).doesNotContainKey("transform:Q8_0");
    Path out = dir.resolve("out");
    PatchApplier.create().apply(q8, p1, out);
    assertThat(Files.mismatch(out, u)).isEqualTo(-1);
  }

  @Test
  void directIoAndThePageCacheGiveTheSamePatchAndTheSameTarget() throws IOException {
    Path t = derive(q4, DeriveSpec.builder().finetune(0.01).seed(9).build());
    Path direct = dir.resolve("direct");
    Path cached = dir.resolve("cached");
    PatchEncoder.create().encode(q4, t, direct);
    PatchEncoder.builder().directIo(false).build().encode(q4, t, cached);
    assertThat(Files.mismatch(direct, cached)).isEqualTo(-1);
    Path out = dir.resolve("out");
    PatchApplier.builder().directIo(false).build().apply(q4, cached, out);
    assertThat(Files.mismatch(out, t)).isEqualTo(-1);
  }

  /**
   * A disk that fills up while the patch is written (a 16 MiB tmpfs, filled by another file once 1
   * MiB of target is encoded; the unrelated pair's patch is about 8 MiB): the encode fails with the
   * file system's error and leaves no partial patch. Needs permission to mount; skipped elsewhere.
   */
  @Test
  void aDiskThatFillsUpDuringTheEncodeFailsItAndLeavesNoPartialPatch() throws Exception {
    Path u = dir.resolve("u.gguf");
    Models.generate(u, 8 << 20, GgmlType.Q8_0, 3);
    Path mount = dir.resolve("tmpfs16");
    Assumptions.assumeTrue(Tmpfs.mount(mount, "16m"), "cannot mount a tmpfs here");
    try {
      Path filler = mount.resolve("other-file");
      EncodeListener fillTheDisk =
          new EncodeListener() {
            @Override
            public void progress(long done, long targetSize) {
              if (done >= (1 << 20)) {
                Tmpfs.fillOnce(mount, filler);
              }
            }
          };
      Path patch = mount.resolve("p");
      assertThatThrownBy(
              () -> PatchEncoder.builder().listener(fillTheDisk).build().encode(q8, u, patch))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("No space left on device");
      try (Stream<Path> files = Files.list(mount)) {
        assertThat(files).containsExactly(filler);
      }
    } finally {
      Tmpfs.unmount(mount);
    }
  }

  @Test
  void aMissingInputFailsAndLeavesNoPatchOrTemporaryFile() throws IOException {
    Path patch = dir.resolve("out").resolve("p");
    Files.createDirectories(patch.getParent());
    assertThatThrownBy(() -> PatchEncoder.create().encode(q8, dir.resolve("missing"), patch))
        .isInstanceOf(NoSuchFileException.class);
    try (Stream<Path> files = Files.list(patch.getParent())) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aDirectoryAsAnInputOrNoDirectoryForThePatchIsNamed() throws IOException {
    Path patch = dir.resolve("out").resolve("p");
    Path folder = Files.createDirectories(patch.getParent());
    assertThatThrownBy(() -> PatchEncoder.create().encode(q8, folder, patch))
        .isInstanceOf(FileSystemException.class)
        .hasMessage(folder + ": is a directory, not a file");
    assertThatThrownBy(() -> PatchEncoder.create().encode(folder, q8, patch))
        .isInstanceOf(FileSystemException.class)
        .hasMessage(folder + ": is a directory, not a file");
    assertThatThrownBy(() -> PatchEncoder.create().encode(q8, q8, folder))
        .isInstanceOf(FileSystemException.class)
        .hasMessage(folder + ": is a directory; name a file to write");
    Path missing = dir.resolve("no-such-dir");
    assertThatThrownBy(() -> PatchEncoder.create().encode(q8, q8, missing.resolve("p")))
        .isInstanceOf(NoSuchFileException.class)
        .hasMessage(missing + ": no such directory to write p in");
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void aPatchThatWouldReplaceItsOwnInputIsRefused() throws IOException {
    Path older = Files.copy(q8, dir.resolve("older.gguf"));
    Path newer = Files.write(dir.resolve("newer.gguf"), Files.readAllBytes(q8));
    byte[] before = Files.readAllBytes(newer);
    Path link = Files.createSymbolicLink(dir.resolve("link.gguf"), newer);

    assertThatThrownBy(() -> PatchEncoder.create().encode(older, newer, older))
        .isInstanceOf(FileSystemException.class)
        .hasMessage(older + ": is the source itself; writing there would destroy it");
    assertThatThrownBy(() -> PatchEncoder.create().encode(older, newer, link))
        .isInstanceOf(FileSystemException.class)
        .hasMessage(link + ": is the target itself; writing there would destroy it");
    assertThat(Files.readAllBytes(newer)).isEqualTo(before);
    assertThat(Files.readAllBytes(older)).isEqualTo(before);
  }

  @Test
  void anEncodeRemovesThePartialPatchAKilledEncodeLeft() throws IOException {
    Path out = Files.createDirectories(dir.resolve("out"));
    Path patch = out.resolve("p.mfdelta");
    // What a killed encode leaves: its partial patch, with no process holding its lock.
    Path stale = Files.write(out.resolve(".p.mfdelta.4711.partial"), new byte[1 << 20]);
    Path othersPartial = Files.write(out.resolve(".q.mfdelta.4711.partial"), new byte[16]);

    PatchEncoder.create().encode(q8, q4, patch);

    assertThat(stale).doesNotExist();
    try (Stream<Path> files = Files.list(out)) {
      assertThat(files).containsExactlyInAnyOrder(patch, othersPartial);
    }
  }

  @Test
  void theListenerHearsTheStrategyAndProgressUpToTheTargetSize() throws IOException {
    List<String> started = new ArrayList<>();
    List<Long> progress = new ArrayList<>();
    Path t = derive(q8, DeriveSpec.builder().finetune(0.01).layers(0, 0).seed(1).build());
    PatchEncoder.builder()
        .listener(
            new EncodeListener() {
              @Override
              public void started(String strategy, long sourceSize, long targetSize) {
                started.add(strategy);
              }

              @Override
              public void progress(long done, long targetSize) {
                progress.add(done);
              }
            })
        .build()
        .encode(q8, t, dir.resolve("p"));
    assertThat(started).containsExactly("gguf");
    assertThat(progress).isSorted().last().isEqualTo(Files.size(t));
  }

  @Test
  void optionsAreChecked() {
    assertThatThrownBy(() -> PatchEncoder.builder().level(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("level must be between 1 and 19 but was 0");
    assertThatThrownBy(() -> PatchEncoder.builder().threads(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PatchEncoder.builder().sectionBytes(100))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
