package dev.modelfleet.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of broken or hostile header is rejected with a {@link GgufFormatException}. */
class GgufReaderHostileInputTest {
  @TempDir Path dir;

  private Path file(byte[] bytes) throws IOException {
    Path p = Files.createTempFile(dir, "h", ".gguf");
    Files.write(p, bytes);
    return p;
  }

  private AbstractThrowableAssert<?, ? extends Throwable> rejects(byte[] bytes, long offset)
      throws IOException {
    Path p = file(bytes);
    return assertThatThrownBy(() -> GgufReader.readHeader(p))
        .isInstanceOf(GgufFormatException.class)
        .hasMessageEndingWith("at byte offset " + offset)
        .satisfies(e -> assertThat(((GgufFormatException) e).offset()).isEqualTo(offset));
  }

  /** A valid file: two keys, one F32 tensor of 8 elements. */
  private static RawGguf valid() {
    return RawGguf.header(3, 1, 2)
        .kvStr("general.architecture", "llama")
        .kvU32("general.alignment", 32)
        .tensor("t", GgmlType.F32.id(), 0, 8)
        .pad(32)
        .zeros(32);
  }

  @Test
  void theValidBaselineParses() throws IOException {
    GgufFile f = GgufReader.readHeader(file(valid().bytes()));
    assertThat(f.tensors()).hasSize(1);
    assertThat(f.tensors().get(0).byteSize()).isEqualTo(32);
  }

  @Test
  void wrongMagicIsRejectedAtOffsetZero() throws IOException {
    byte[] b = valid().bytes();
    b[0] = 'X';
    rejects(b, 0).hasMessageContaining("Not a GGUF file");
  }

  @Test
  void emptyFileIsRejected() throws IOException {
    rejects(new byte[0], 0).hasMessageContaining("truncated");
  }

  @Test
  void bigEndianFileIsRejectedSayingSo() throws IOException {
    byte[] b = valid().bytes();
    b[4] = 0;
    b[7] = 3;
    rejects(b, 4).hasMessageContaining("Big-endian");
  }

  @Test
  void unsupportedVersionsAreRejected() throws IOException {
    rejects(RawGguf.header(1, 0, 0).bytes(), 4).hasMessageContaining("version 1");
    rejects(RawGguf.header(4, 0, 0).bytes(), 4).hasMessageContaining("version 4");
  }

  @Test
  void versionTwoFilesParse() throws IOException {
    byte[] b = valid().bytes();
    b[4] = 2;
    assertThat(GgufReader.readHeader(file(b)).version()).isEqualTo(2);
  }

  @Test
  void truncationAnywhereInTheHeaderIsRejectedWithAnOffsetInsideTheFile() throws IOException {
    byte[] whole = valid().bytes();
    for (int len = 0; len < whole.length; len++) {
      Path p = file(java.util.Arrays.copyOf(whole, len));
      int n = len;
      assertThatThrownBy(() -> GgufReader.readHeader(p))
          .as("truncated to %d bytes", len)
          .isInstanceOf(GgufFormatException.class)
          .satisfies(e -> assertThat(((GgufFormatException) e).offset()).isBetween(0L, (long) n));
      Files.delete(p);
    }
  }

  @Test
  void absurdTensorCountIsRejectedAtItsOffset() throws IOException {
    rejects(RawGguf.header(3, Long.MIN_VALUE, 0).zeros(64).bytes(), 8)
        .hasMessageContaining("Tensor count 9223372036854775808");
    rejects(RawGguf.header(3, 1L << 40, 0).zeros(64).bytes(), 8);
  }

  @Test
  void absurdKeyCountIsRejectedAtItsOffset() throws IOException {
    rejects(RawGguf.header(3, 0, -1).zeros(64).bytes(), 16)
        .hasMessageContaining("Metadata key count 18446744073709551615");
  }

  @Test
  void absurdStringLengthIsRejectedAtItsOffset() throws IOException {
    byte[] b = RawGguf.header(3, 0, 1).u64(1L << 40).zeros(100).bytes();
    rejects(b, 24).hasMessageContaining("String length 1099511627776");
    byte[] value =
        RawGguf.header(3, 0, 1)
            .str("k")
            .u32(GgufValueType.STRING.id())
            .u64(Long.MAX_VALUE)
            .zeros(10)
            .bytes();
    rejects(value, 24 + 9 + 4);
  }

  @Test
  void absurdArrayLengthIsRejectedAtItsOffset() throws IOException {
    byte[] b =
        RawGguf.header(3, 0, 1)
            .str("k")
            .u32(GgufValueType.ARRAY.id())
            .u32(GgufValueType.UINT8.id())
            .u64(1L << 62)
            .zeros(100)
            .bytes();
    rejects(b, 24 + 9 + 4 + 4).hasMessageContaining("Array 'k'");
    byte[] strings =
        RawGguf.header(3, 0, 1)
            .str("k")
            .u32(GgufValueType.ARRAY.id())
            .u32(GgufValueType.STRING.id())
            .u64(20) // 20 strings need at least 160 bytes
            .zeros(100)
            .bytes();
    rejects(strings, 24 + 9 + 4 + 4);
  }

  @Test
  void deeplyNestedArraysAreRejected() throws IOException {
    RawGguf r = RawGguf.header(3, 0, 1).str("k").u32(GgufValueType.ARRAY.id());
    for (int i = 0; i < 20; i++) {
      r.u32(GgufValueType.ARRAY.id()).u64(1);
    }
    r.zeros(64);
    Path p = file(r.bytes());
    assertThatThrownBy(() -> GgufReader.readHeader(p))
        .isInstanceOf(GgufFormatException.class)
        .hasMessageContaining("nests arrays deeper than 8");
  }

  @Test
  void nestedArraysWithinTheLimitParse() throws IOException {
    byte[] b =
        RawGguf.header(3, 0, 1)
            .str("k")
            .u32(GgufValueType.ARRAY.id())
            .u32(GgufValueType.ARRAY.id())
            .u64(2)
            .u32(GgufValueType.INT32.id())
            .u64(1)
            .u32(-5)
            .u32(GgufValueType.STRING.id())
            .u64(1)
            .str("x")
            .bytes();
    GgufValue v = GgufReader.readHeader(file(b)).metadata().find("k").orElseThrow();
    assertThat(v.get(0).get(0).asLong()).isEqualTo(-5);
    assertThat(v.get(1).asStringList()).containsExactly("x");
  }

  @Test
  void unknownMetadataValueTypeIsReportedById() throws IOException {
    byte[] b = RawGguf.header(3, 0, 1).str("k").u32(13).u32(0).bytes();
    rejects(b, 24 + 9).hasMessageContaining("type id 13");
  }

  @Test
  void absurdDimensionCountIsRejectedAtItsOffset() throws IOException {
    byte[] b = RawGguf.header(3, 1, 0).str("t").u32(1L << 31).zeros(200).bytes();
    rejects(b, 24 + 9).hasMessageContaining("2147483648 dimensions");
  }

  @Test
  void dimensionsWhoseProductOverflowsAreRejected() throws IOException {
    byte[] b =
        RawGguf.header(3, 1, 0).tensor("t", 0, 0, 1L << 31, 1L << 31, 1L << 31).zeros(64).bytes();
    rejects(b, 24 + 9 + 4 + 16).hasMessageContaining("more elements");
  }

  @Test
  void hugeTensorDataPastTheEndOfTheFileIsRejected() throws IOException {
    byte[] b = RawGguf.header(3, 1, 0).tensor("t", 0, 0, 1L << 31, 4).pad(32).zeros(64).bytes();
    rejects(b, 24 + 9 + 4 + 16 + 4).hasMessageContaining("runs past the end");
  }

  @Test
  void unknownTensorTypeIsReportedById() throws IOException {
    for (int id : new int[] {4, 31, 36, 40, 99, -1}) {
      byte[] b = RawGguf.header(3, 1, 0).tensor("t", id, 0, 32).pad(32).zeros(128).bytes();
      rejects(b, 24 + 9 + 4 + 8)
          .hasMessageContaining("unknown ggml type id " + Integer.toUnsignedString(id));
    }
  }

  @Test
  void rowsThatAreNotWholeBlocksAreRejected() throws IOException {
    byte[] b =
        RawGguf.header(3, 1, 0).tensor("t", GgmlType.Q8_0.id(), 0, 33).pad(32).zeros(64).bytes();
    rejects(b, 24 + 9 + 4 + 8).hasMessageContaining("block size 32");
  }

  @Test
  void misalignedTensorDataIsRejected() throws IOException {
    byte[] b = RawGguf.header(3, 1, 0).tensor("t", 0, 4, 8).pad(32).zeros(64).bytes();
    rejects(b, 24 + 9 + 4 + 8 + 4).hasMessageContaining("not a multiple of the alignment 32");
  }

  @Test
  void overlappingTensorDataIsRejected() throws IOException {
    RawGguf r = RawGguf.header(3, 2, 0).tensor("a", 0, 0, 16);
    int second = r.size();
    byte[] b = r.tensor("b", 0, 32, 8).pad(32).zeros(128).bytes();
    rejects(b, second + 9 + 4 + 8 + 4)
        .hasMessageContaining("'b' data overlaps the data of tensor 'a'");
  }

  @Test
  void tensorDataPastTheEndOfTheFileIsRejected() throws IOException {
    byte[] b = RawGguf.header(3, 1, 0).tensor("t", 0, 0, 64).pad(32).zeros(100).bytes();
    rejects(b, 24 + 9 + 4 + 8 + 4).hasMessageContaining("runs past the end of the");
  }

  @Test
  void duplicateKeysAndTensorNamesAreRejected() throws IOException {
    rejects(RawGguf.header(3, 0, 2).kvU32("a", 1).kvU32("a", 2).bytes(), 24 + 9 + 8)
        .hasMessageContaining("Duplicate metadata key 'a'");
    rejects(
            RawGguf.header(3, 2, 0).tensor("t", 0, 0, 8).tensor("t", 0, 32, 8).zeros(128).bytes(),
            24 + 9 + 4 + 8 + 4 + 8)
        .hasMessageContaining("Duplicate tensor name 't'");
  }

  @Test
  void hugeOrMultiLineKeysAreShortenedInMessages() throws IOException {
    String key = "line\nbreak" + "k".repeat(100_000);
    Path p = file(RawGguf.header(3, 0, 2).kvU32(key, 1).kvU32(key, 2).bytes());
    assertThatThrownBy(() -> GgufReader.readHeader(p))
        .isInstanceOf(GgufFormatException.class)
        .hasMessageStartingWith("Duplicate metadata key 'line?break")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(200).doesNotContain("\n"));
  }

  @Test
  void badAlignmentIsRejected() throws IOException {
    rejects(RawGguf.header(3, 0, 1).kvU32("general.alignment", 24).bytes(), 24 + 25 + 4)
        .hasMessageContaining("not a power of two");
    rejects(RawGguf.header(3, 0, 1).kvU32("general.alignment", 0).bytes(), 24 + 25 + 4);
    rejects(RawGguf.header(3, 0, 1).kvStr("general.alignment", "32").bytes(), 24 + 25 + 4)
        .hasMessageContaining("must be a UINT32");
  }

  @Test
  void nonUtf8KeyIsRejected() throws IOException {
    byte[] b =
        RawGguf.header(3, 0, 1).u64(2).raw(new byte[] {(byte) 0xC3, 0x28}).u32(4).u32(1).bytes();
    rejects(b, 24).hasMessageContaining("not valid UTF-8");
  }

  @Test
  void customAlignmentIsHonoured() throws IOException {
    byte[] b =
        RawGguf.header(3, 1, 1)
            .kvU32("general.alignment", 64)
            .tensor("t", 0, 0, 8)
            .pad(64)
            .zeros(64)
            .bytes();
    GgufFile f = GgufReader.readHeader(file(b));
    assertThat(f.alignment()).isEqualTo(64);
    assertThat(f.dataOffset() % 64).isZero();
  }
}
