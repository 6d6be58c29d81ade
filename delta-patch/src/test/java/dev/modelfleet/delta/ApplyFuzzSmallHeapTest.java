package dev.modelfleet.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.modelfleet.delta.apply.PatchApplier;
import dev.modelfleet.delta.create.PatchEncoder;
import dev.modelfleet.delta.internal.transform.Transform;
import dev.modelfleet.delta.testing.Blocks;
import dev.modelfleet.delta.testing.Models;
import dev.modelfleet.delta.testing.Mutator;
import dev.modelfleet.delta.testing.PatchBuilder;
import dev.modelfleet.delta.testing.TestFiles;
import dev.modelfleet.gguf.GgmlType;
import dev.modelfleet.gguf.GgufFile;
import dev.modelfleet.gguf.GgufValue;
import dev.modelfleet.gguf.generate.DeriveSpec;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated patches never make the applier write a wrong target, fail with anything but a {@link
 * PatchException}, hang, leave files behind or leak threads; and all of it within a 32 MB heap (the
 * surefire execution {@code small-heap} runs this class with {@code -Xmx32m}).
 */
class ApplyFuzzSmallHeapTest {
  private static final int CASES = 2000;

  @TempDir static Path dir;

  record Case(String name, Path source, byte[] patch, byte[] target) {}

  static final List<Case> corpus = new ArrayList<>();

  @BeforeAll
  static void corpus() throws IOException {
    PatchEncoder encoder = PatchEncoder.builder().threads(1).sectionBytes(16 << 10).build();
    for (GgmlType q : new GgmlType[] {GgmlType.Q8_0, GgmlType.Q4_0}) {
      Path a = dir.resolve("a-" + q);
      Path b = dir.resolve("b-" + q);
      GgufFile f = Models.generate(a, 1 << 20, q, 1);
      DeriveSpec.Builder spec =
          DeriveSpec.builder()
              .set("general.name", GgufValue.string("fuzzed"))
              .finetune(0.05)
              .layers(0, 0)
              .seed(3);
      spec.removeTensor(f.tensors().get(3).name()).addTensor(f.tensors().get(3).spec());
      Models.derive(a, b, spec.build());
      corpus.add(encode(encoder, "gguf " + q, a, b));
    }
    byte[] s = TestFiles.text(4, 400_000);
    byte[] t =
        TestFiles.insert(TestFiles.delete(s, 1000, 5000), 200_000, TestFiles.random(5, 3000));
    corpus.add(
        encode(
            encoder,
            "generic",
            TestFiles.write(dir.resolve("gs"), s),
            TestFiles.write(dir.resolve("gt"), t)));
    corpus.add(everyTransform());
  }

  static Case encode(PatchEncoder encoder, String name, Path a, Path b) throws IOException {
    Path p = dir.resolve("p");
    encoder.encode(a, b, p);
    Case c = new Case(name, a, Files.readAllBytes(p), Files.readAllBytes(b));
    Files.delete(p);
    return c;
  }

  /** Source and target made of every transform's blocks (with large changes: escapes). */
  static Case everyTransform() {
    List<byte[]> olds = new ArrayList<>();
    List<byte[]> news = new ArrayList<>();
    List<Transform> ts = new ArrayList<>();
    for (Transform t : Transform.values()) {
      float[] w = Blocks.weights(t.ordinal(), 512);
      GgmlType type = t == Transform.XOR ? GgmlType.Q8_0 : GgmlType.valueOf(t.name());
      olds.add(Blocks.quantize(type, w));
      news.add(Blocks.quantize(type, Blocks.finetune(w, 0.4, 9)));
      ts.add(t);
    }
    byte[] source = concat(olds);
    PatchBuilder pb = new PatchBuilder(source.length, PatchBuilder.sha256(source));
    long at = 0;
    for (int i = 0; i < ts.size(); i++) {
      pb.transform(ts.get(i), at, olds.get(i), news.get(i)).copy(at, 7).literal(new byte[] {1, 2});
      at += olds.get(i).length;
      if (i % 3 == 2) {
        pb.endSection();
      }
    }
    byte[] edited = java.util.Arrays.copyOf(source, 3000);
    edited[100] ^= 1;
    pb.endSection().dictionaryLiteral(0, java.util.Arrays.copyOf(source, 4000), edited);
    List<byte[]> parts = new ArrayList<>();
    for (int i = 0; i < ts.size(); i++) {
      parts.add(news.get(i));
      parts.add(
          java.util.Arrays.copyOfRange(source, (int) offset(olds, i), (int) offset(olds, i) + 7));
      parts.add(new byte[] {1, 2});
    }
    parts.add(edited);
    byte[] target = concat(parts);
    return new Case(
        "every operation",
        TestFiles.write(dir.resolve("ts"), source),
        pb.build(PatchBuilder.sha256(target)),
        target);
  }

  static long offset(List<byte[]> parts, int i) {
    long o = 0;
    for (int k = 0; k < i; k++) {
      o += parts.get(k).length;
    }
    return o;
  }

  static byte[] concat(List<byte[]> parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  @Test
  void theUnmutatedCorpusApplies() throws IOException {
    for (Case c : corpus) {
      Path out = dir.resolve("ok-" + c.name().replace(' ', '-'));
      PatchApplier.create().apply(c.source(), new ByteArrayInputStream(c.patch()), out, null);
      assertThat(Files.readAllBytes(out)).as(c.name()).isEqualTo(c.target());
    }
  }

  @Test
  void mutatedPatchesNeverYieldAWrongTargetNorAnyFailureButPatchException() throws IOException {
    Mutator m = new Mutator(20261121L);
    Path outDir = Files.createDirectories(dir.resolve("fuzz"));
    Map<String, Integer> outcomes = new TreeMap<>();
    PatchApplier applier = PatchApplier.create();
    for (int i = 0; i < CASES; i++) {
      Case c = corpus.get(i % corpus.size());
      byte[] mutated = m.mutate(c.patch());
      String kind = m.lastKind;
      Path out = outDir.resolve("out");
      int n = i;
      String outcome =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30),
              () -> {
                try {
                  applier.apply(c.source(), new ByteArrayInputStream(mutated), out, null);
                  return "applied";
                } catch (PatchException e) {
                  return e.reason().name();
                } catch (IOException e) {
                  if (String.valueOf(e.getMessage()).startsWith("not enough free space")) {
                    // A (re-checksummed) header claiming an enormous target: refused up front.
                    return "no space";
                  }
                  throw new AssertionError(
                      "case " + n + " (" + c.name() + ", " + kind + ") failed with " + e, e);
                } catch (RuntimeException e) {
                  throw new AssertionError(
                      "case " + n + " (" + c.name() + ", " + kind + ") failed with " + e, e);
                }
              },
              () -> "case " + n + " (" + c.name() + ", " + kind + ") hung");
      if (outcome.equals("applied")) {
        // Only a mutation that changes nothing the target depends on may apply.
        assertThat(Files.readAllBytes(out)).as("case %d (%s)", i, kind).isEqualTo(c.target());
        Files.delete(out);
      }
      try (Stream<Path> left = Files.list(outDir)) {
        assertThat(left).as("files left by case %d", i).isEmpty();
      }
      outcomes.merge(outcome, 1, Integer::sum);
    }
    System.out.println("fuzz outcomes over " + CASES + " mutated patches: " + outcomes);
    // The fuzzer reaches every layer: checksums, structure, operations and the final hash.
    assertThat(outcomes).containsKeys("CORRUPT", "TRUNCATED", "TARGET_MISMATCH", "SOURCE_MISMATCH");
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().startsWith("modelfleet-delta")));
    if (outcomes.getOrDefault("applied", 0) > CASES / 10) {
      fail("too many mutations changed nothing: " + outcomes);
    }
  }
}
