package dev.modelfleet.delta;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.luben.zstd.ZstdDecompressCtx;
import dev.modelfleet.delta.apply.ApplyResult;
import dev.modelfleet.delta.apply.PatchApplier;
import dev.modelfleet.delta.create.PatchEncoder;
import dev.modelfleet.delta.inspect.PatchInfo;
import dev.modelfleet.delta.inspect.PatchInspector;
import dev.modelfleet.delta.internal.format.DictionaryLiterals;
import dev.modelfleet.delta.internal.format.OpCursor;
import dev.modelfleet.delta.internal.format.PatchFormat;
import dev.modelfleet.delta.internal.format.PatchHeader;
import dev.modelfleet.delta.internal.format.PatchReader;
import dev.modelfleet.delta.internal.format.Section;
import dev.modelfleet.delta.internal.transform.Transform;
import dev.modelfleet.delta.testing.Blocks;
import dev.modelfleet.delta.testing.PatchBuilder;
import dev.modelfleet.delta.testing.TestFiles;
import dev.modelfleet.gguf.GgmlType;
import dev.modelfleet.gguf.GgufValue;
import dev.modelfleet.gguf.generate.DeriveSpec;
import dev.modelfleet.gguf.generate.ModelDeriver;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The format contract, pinned by committed patches in {@code src/test/resources/golden}: each
 * applies to its committed source and yields its committed target, and today's writers still make
 * the same patch (compared by meaning, operation by operation, so a zstd upgrade that compresses
 * differently is not a format change). Regenerate on purpose with {@code -Dgolden.regenerate=true}
 * (and bump the format version if an existing patch no longer applies).
 *
 * <ul>
 *   <li>{@code transforms}: every transform of format 1, with copies and literals;
 *   <li>{@code generic}: the encoder's content-defined chunking strategy on an edited text;
 *   <li>{@code gguf}: the encoder's GGUF strategy on the vendored llama.cpp fixture and a derived
 *       version of it (the target is derived again at test time, only its SHA-256 is committed).
 * </ul>
 */
class GoldenPatchTest {
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  @TempDir Path dir;

  /** Source, target (null for gguf: derived) and the patch as the writers make it today. */
  record Fresh(byte[] source, byte[] target, byte[] patch) {}

  static Fresh make(String name, Path tmp) throws IOException {
    switch (name) {
      case "transforms" -> {
        List<byte[]> olds = new ArrayList<>();
        List<byte[]> news = new ArrayList<>();
        for (Transform t : Transform.values()) {
          GgmlType type = t == Transform.XOR ? GgmlType.IQ4_NL : GgmlType.valueOf(t.name());
          float[] w = Blocks.weights(100 + t.ordinal(), 512);
          if (t == Transform.XOR) {
            olds.add(TestFiles.random(7, 300));
            news.add(TestFiles.random(8, 300));
          } else {
            olds.add(Blocks.quantize(type, w));
            news.add(Blocks.quantize(type, Blocks.finetune(w, 0.2, 9)));
          }
        }
        byte[] source = concat(olds);
        PatchBuilder pb = new PatchBuilder(source.length, PatchBuilder.sha256(source));
        ByteArrayOutputStream target = new ByteArrayOutputStream();
        long at = 0;
        Transform[] ts = Transform.values();
        for (int i = 0; i < ts.length; i++) {
          pb.transform(ts[i], at, olds.get(i), news.get(i));
          target.writeBytes(news.get(i));
          at += olds.get(i).length;
          if (i % 4 == 3) {
            pb.endSection();
          }
        }
        pb.copy(5, 100).literal("golden".getBytes(StandardCharsets.US_ASCII));
        target.write(source, 5, 100);
        target.writeBytes("golden".getBytes(StandardCharsets.US_ASCII));
        // The first 1000 source bytes with a few changed, against the source's first 2000.
        byte[] edited = Arrays.copyOf(source, 1000);
        edited[10] ^= 1;
        edited[900] ^= 2;
        pb.dictionaryLiteral(0, Arrays.copyOf(source, 2000), edited);
        target.writeBytes(edited);
        byte[] t = target.toByteArray();
        return new Fresh(source, t, pb.build(PatchBuilder.sha256(t)));
      }
      case "generic" -> {
        byte[] s = TestFiles.text(10, 48 << 10);
        byte[] t =
            TestFiles.insert(TestFiles.delete(s, 4000, 300), 30_000, TestFiles.text(11, 900));
        return new Fresh(s, t, encode(s, t, tmp));
      }
      case "gguf" -> {
        byte[] s = Files.readAllBytes(fixture());
        byte[] t = Files.readAllBytes(derivedFixture(tmp));
        return new Fresh(s, t, encode(s, t, tmp));
      }
      default -> throw new IllegalArgumentException(name);
    }
  }

  static Path fixture() {
    return Path.of(System.getProperty("modelfleet.testdata", "../testdata"))
        .resolve("gguf/llama-2-tiny-random.gguf");
  }

  static Path derivedFixture(Path tmp) throws IOException {
    Path t = tmp.resolve("derived.gguf");
    ModelDeriver.derive(
        fixture(),
        t,
        DeriveSpec.builder()
            .set("general.name", GgufValue.string("llama-2-tiny-random v2"))
            .finetune(0.01)
            .layers(0, 0)
            .seed(42)
            .build());
    return t;
  }

  static byte[] encode(byte[] s, byte[] t, Path tmp) throws IOException {
    Path sp = TestFiles.write(tmp.resolve("s"), s);
    Path tp = TestFiles.write(tmp.resolve("t"), t);
    Path p = tmp.resolve("p");
    PatchEncoder.builder().threads(2).sectionBytes(16 << 10).build().encode(sp, tp, p);
    return Files.readAllBytes(p);
  }

  @ParameterizedTest
  @ValueSource(strings = {"transforms", "generic", "gguf"})
  void theCommittedPatchAppliesToItsSource(String name) throws IOException {
    Path g = GOLDEN.resolve(name);
    Path source = name.equals("gguf") ? fixture() : g.resolve("source.bin");
    ApplyResult r =
        PatchApplier.create().apply(source, g.resolve("patch.mfdelta"), dir.resolve("out"));
    if (name.equals("gguf")) {
      assertThat(r.sha256().hex())
          .isEqualTo(
              Files.readString(g.resolve("target.sha256"), StandardCharsets.US_ASCII).strip());
    } else {
      assertThat(Files.readAllBytes(dir.resolve("out")))
          .isEqualTo(Files.readAllBytes(g.resolve("target.bin")));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"transforms", "generic", "gguf"})
  void todaysWritersMakeTheSamePatch(String name) throws IOException {
    Fresh f = make(name, dir);
    if (name.equals("gguf")) {
      assertThat(PatchBuilder.sha256(f.target()).hex())
          .as("the gguf deriver changed its output: regenerate the golden files on purpose")
          .isEqualTo(
              Files.readString(
                      GOLDEN.resolve(name).resolve("target.sha256"), StandardCharsets.US_ASCII)
                  .strip());
    }
    assertThat(decoded(f.patch(), f.source()))
        .isEqualTo(
            decoded(Files.readAllBytes(GOLDEN.resolve(name).resolve("patch.mfdelta")), f.source()));
  }

  @Test
  void inspectDescribesTheCommittedPatches() throws IOException {
    PatchInfo t = PatchInspector.inspect(GOLDEN.resolve("transforms/patch.mfdelta"));
    assertThat(t.formatVersion()).isEqualTo(1);
    for (Transform tr : Transform.values()) {
      assertThat(t.operations().get("transform:" + tr.name()).operations()).isEqualTo(1);
    }
    assertThat(t.operations().get("copy").operations()).isEqualTo(1);
    assertThat(t.operations().get("literal").targetBytes()).isEqualTo(6);
    assertThat(t.targetSize()).isEqualTo(Files.size(GOLDEN.resolve("transforms/target.bin")));
    PatchInfo g = PatchInspector.inspect(GOLDEN.resolve("gguf/patch.mfdelta"));
    // (The 32-byte F32 norms of block 0 are cheaper as literals than as transforms.)
    assertThat(g.operations()).containsKeys("copy", "literal", "transform:F16");
    assertThat(t.operations().get("dictionary-literal").operations()).isEqualTo(1);
    assertThat(g.patchSize()).isLessThan(4096);
  }

  /**
   * What a patch means: its header, each section's place in the target, and each operation with its
   * data (literal bytes, transform payloads, and dictionary literals by their decoded output, since
   * their zstd payload depends on the zstd version).
   */
  static List<String> decoded(byte[] patch, byte[] source) throws IOException {
    List<String> out = new ArrayList<>();
    PatchReader r = new PatchReader(new ByteArrayInputStream(patch));
    PatchHeader h = r.readHeader();
    out.add(h.toString());
    try (ZstdDecompressCtx z = new ZstdDecompressCtx()) {
      Section s;
      while ((s = r.next()) != null) {
        byte[] raw = s.decode(z);
        out.add("section " + s.header().targetOffset() + "+" + s.header().targetLength());
        OpCursor op =
            new OpCursor(raw, s.header().rawLength(), h.sourceSize(), s.header().targetLength());
        while (op.next()) {
          String data = sha(Arrays.copyOfRange(raw, op.dataOffset, op.dataOffset + op.dataLength));
          if (op.op == PatchFormat.OP_DICT_LITERAL) {
            byte[] dict =
                Arrays.copyOfRange(
                    source, (int) op.sourceOffset, (int) op.sourceOffset + op.dictionaryLength);
            byte[] decodedBytes = new byte[(int) op.length];
            DictionaryLiterals.decode(
                dict, raw, op.dataOffset, op.dataLength, decodedBytes, 0, decodedBytes.length);
            data = "decodes to " + sha(decodedBytes);
          }
          out.add(
              op.op
                  + " "
                  + op.transform
                  + " "
                  + op.sourceOffset
                  + " "
                  + op.dictionaryLength
                  + " "
                  + op.length
                  + " "
                  + data);
        }
      }
    }
    return out;
  }

  static String sha(byte[] b) {
    return PatchBuilder.sha256(b).hex();
  }

  @Test
  @EnabledIfSystemProperty(named = "golden.regenerate", matches = "true")
  void regenerate() throws IOException {
    for (String name : new String[] {"transforms", "generic", "gguf"}) {
      Path g = Files.createDirectories(GOLDEN.resolve(name));
      Fresh f = make(name, dir);
      if (name.equals("gguf")) {
        Files.writeString(g.resolve("target.sha256"), PatchBuilder.sha256(f.target()).hex() + "\n");
      } else {
        Files.write(g.resolve("source.bin"), f.source());
        Files.write(g.resolve("target.bin"), f.target());
      }
      Files.write(g.resolve("patch.mfdelta"), f.patch());
    }
  }

  static byte[] concat(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }
}
