package dev.modelfleet.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfleet.gguf.generate.ModelGenerator;
import dev.modelfleet.gguf.generate.ModelSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Mutates valid GGUF files (byte flips, hostile 32/64-bit values at random places, truncation,
 * insertions and deletions): the reader either parses the result or throws {@link
 * GgufFormatException} naming an offset inside the file, quickly, and never allocates more than a
 * small multiple of the file's size. Seeded, bounded to a few thousand tries (seconds).
 */
class GgufReaderFuzzTest {
  private static final Long[] HOSTILE = {
    0L,
    1L,
    2L,
    3L,
    4L,
    8L,
    9L,
    12L,
    13L,
    31L,
    32L,
    33L,
    39L,
    40L,
    255L,
    256L,
    0xFFFFL,
    1L << 31,
    0xFFFF_FFFFL,
    1L << 32,
    1L << 40,
    1L << 62,
    Long.MAX_VALUE,
    Long.MIN_VALUE,
    -1L
  };

  private static byte[] model;
  private static byte[] handmade;
  private static Path scratch;

  @BeforeContainer
  static void seeds() throws IOException {
    ModelSpec spec =
        ModelSpec.forSize(1 << 20, dev.modelfleet.gguf.GgmlType.Q4_0, 1)
            .withVocabSize(ModelSpec.MIN_VOCAB)
            .withEmbeddingLength(32)
            .withLayers(1);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ModelGenerator.generate(spec, out, (a, b) -> {}, 1);
    model = out.toByteArray();
    handmade =
        RawGguf.header(3, 2, 4)
            .kvStr("general.architecture", "llama")
            .kvU32("general.alignment", 32)
            .str("nested")
            .u32(GgufValueType.ARRAY.id())
            .u32(GgufValueType.ARRAY.id())
            .u64(2)
            .u32(GgufValueType.FLOAT64.id())
            .u64(1)
            .u64(Double.doubleToLongBits(1.5))
            .u32(GgufValueType.STRING.id())
            .u64(2)
            .str("a")
            .str("bc")
            .str("flag")
            .u32(GgufValueType.BOOL.id())
            .u8(1)
            .tensor("q", GgmlType.Q8_0.id(), 0, 32, 2)
            .tensor("f", GgmlType.F16.id(), 96, 16)
            .pad(32)
            .zeros(128)
            .bytes();
    scratch = Files.createTempFile("gguf-fuzz", ".gguf");
    // Load and initialise every class the reader uses, so allocations below are the parser's.
    check(model);
    check(handmade);
    check(new byte[] {1});
  }

  @AfterContainer
  static void cleanUp() throws IOException {
    Files.deleteIfExists(scratch);
  }

  record Mutation(int kind, int position, long value, int length) {}

  @Provide
  Arbitrary<List<Mutation>> mutations() {
    Arbitrary<Mutation> one =
        Combinators.combine(
                Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, Integer.MAX_VALUE),
                Arbitraries.oneOf(Arbitraries.of(HOSTILE), Arbitraries.longs()),
                Arbitraries.integers().between(1, 64))
            .as(Mutation::new);
    return one.list().ofMinSize(1).ofMaxSize(4);
  }

  @Property(tries = 1500, seed = "20261121")
  void mutatedModelsAreParsedOrRejectedCleanly(@ForAll("mutations") List<Mutation> mutations)
      throws IOException {
    check(mutate(model, mutations, headerEnd(model)));
  }

  @Property(tries = 1500, seed = "1121")
  void mutatedHandmadeFilesAreParsedOrRejectedCleanly(@ForAll("mutations") List<Mutation> mutations)
      throws IOException {
    check(mutate(handmade, mutations, handmade.length));
  }

  private static int headerEnd(byte[] file) {
    // Aim mutations mostly at the header, where the parser works; the data is just bytes.
    return Math.min(file.length, 8192);
  }

  private static byte[] mutate(byte[] original, List<Mutation> mutations, int span) {
    byte[] b = original.clone();
    for (Mutation m : mutations) {
      if (b.length == 0) {
        break;
      }
      int pos = m.position() % Math.max(1, Math.min(span, b.length));
      switch (m.kind()) {
        case 0 -> b[pos] ^= (byte) (1 << (m.value() & 7));
        case 1 -> put(b, pos, m.value(), 8);
        case 2 -> put(b, pos, m.value(), 4);
        case 3 -> b = java.util.Arrays.copyOf(b, pos);
        case 4 -> {
          byte[] n = new byte[b.length + m.length()];
          System.arraycopy(b, 0, n, 0, pos);
          System.arraycopy(b, pos, n, pos + m.length(), b.length - pos);
          b = n;
        }
        default -> {
          int len = Math.min(m.length(), b.length - pos);
          byte[] n = new byte[b.length - len];
          System.arraycopy(b, 0, n, 0, pos);
          System.arraycopy(b, pos + len, n, pos, b.length - pos - len);
          b = n;
        }
      }
    }
    return b;
  }

  private static void put(byte[] b, int pos, long v, int width) {
    for (int i = 0; i < width && pos + i < b.length; i++) {
      b[pos + i] = (byte) (v >>> (8 * i));
    }
  }

  private static void check(byte[] bytes) throws IOException {
    Files.write(scratch, bytes);
    com.sun.management.ThreadMXBean mx =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long tid = Thread.currentThread().getId();
    long allocatedBefore = mx.getThreadAllocatedBytes(tid);
    long start = System.nanoTime();
    GgufFile parsed = null;
    GgufFormatException rejected = null;
    try {
      parsed = GgufReader.readHeader(scratch);
    } catch (GgufFormatException e) {
      rejected = e;
    }
    long nanos = System.nanoTime() - start;
    long allocated = mx.getThreadAllocatedBytes(tid) - allocatedBefore;

    if (parsed != null) {
      assertThat(parsed.fileSize()).isEqualTo(bytes.length);
      for (GgufTensorInfo t : parsed.tensors()) {
        assertThat(t.endOffset()).isLessThanOrEqualTo(bytes.length);
      }
    } else {
      assertThat(rejected.offset()).isBetween(0L, (long) bytes.length);
      assertThat(rejected.getMessage()).contains("at byte offset " + rejected.offset());
    }
    assertThat(allocated).as("bytes allocated").isLessThan(64L * bytes.length + (1 << 20));
    assertThat(nanos).as("nanoseconds").isLessThan(2_000_000_000L);
  }
}
