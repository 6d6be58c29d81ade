package dev.modelfleet.gguf;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class GgufReaderFixtureTest {

  @Test
  void fixtureIsTheOneTheReadmeDescribes() throws IOException, NoSuchAlgorithmException {
    byte[] bytes = Files.readAllBytes(TestData.tinyLlama());
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)))
        .isEqualTo("81f226c62d28ed4a1a9b9fa080fcd9f0cc40e0f9d5680036583ff98fbcd035cb");
  }

  @Test
  void tinyLlamaHeaderHasEighteenKeysAndTwelveTensors() throws IOException {
    GgufFile f = GgufReader.readHeader(TestData.tinyLlama());

    assertThat(f.version()).isEqualTo(3);
    assertThat(f.metadata().size()).isEqualTo(18);
    assertThat(f.tensors()).hasSize(12);
    assertThat(f.architecture()).contains("llama");
    assertThat(f.alignment()).isEqualTo(32);
    assertThat(f.tensorTypeNames()).containsExactly("F16", "F32");
    assertThat(f.fileSize()).isEqualTo(1_750_560L);
    assertThat(f.dataOffset() % 32).isZero();
    assertThat(f.metadata().findString("tokenizer.ggml.model")).contains("llama");
    assertThat(f.metadata().find("tokenizer.ggml.tokens").orElseThrow().size()).isEqualTo(32000);
    assertThat(f.tensors().get(f.tensors().size() - 1).endOffset())
        .isLessThanOrEqualTo(f.fileSize());
  }

  @Test
  void tensorDataIsReadPositionally() throws IOException {
    try (GgufReader r = GgufReader.open(TestData.tinyLlama())) {
      GgufTensorInfo t = r.file().tensors().get(0);
      ByteBuffer head = ByteBuffer.allocate(16);
      r.readTensor(t, 0, head);
      byte[] whole = Files.readAllBytes(TestData.tinyLlama());
      assertThat(head.array())
          .isEqualTo(
              java.util.Arrays.copyOfRange(
                  whole, (int) t.absoluteOffset(), (int) t.absoluteOffset() + 16));
      assertThatThrownBy(() -> r.readTensor(t, t.byteSize() - 8, ByteBuffer.allocate(16)))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void readThenWriteReproducesTheFixtureByteForByte() throws IOException {
    byte[] original = Files.readAllBytes(TestData.tinyLlama());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GgufReader r = GgufReader.open(TestData.tinyLlama())) {
      GgufWriter w = GgufWriter.start(out, r.file());
      for (GgufTensorInfo t : r.file().tensors()) {
        w.copyTensor(r, t);
      }
      GgufFile written = w.finish();
      assertThat(written.tensors()).isEqualTo(r.file().tensors());
      assertThat(
              GgufWriter.plan(
                  3,
                  r.file().metadata(),
                  written.tensors().stream().map(GgufTensorInfo::spec).toList()))
          .isEqualTo(r.file());
    }
    assertThat(out.toByteArray()).isEqualTo(original);
  }

  @Test
  void mangledVocabularyFailsWithTheOffsetOfTheFirstBadLength() {
    assertThatThrownBy(() -> GgufReader.readHeader(TestData.mangledVocab()))
        .isInstanceOf(GgufFormatException.class)
        .hasMessageContaining("at byte offset 212")
        .satisfies(e -> assertThat(((GgufFormatException) e).offset()).isEqualTo(212));
  }

  @Test
  void fixtureTruncatedInEverySectionIsRejectedWithAnOffset() throws IOException {
    byte[] whole = Files.readAllBytes(TestData.tinyLlama());
    GgufFile f = GgufReader.readHeader(TestData.tinyLlama());
    long[] cuts = {
      0,
      3,
      6,
      12,
      20,
      30, // magic, version, counts, first key
      100_000,
      400_000, // inside the vocabulary arrays
      f.headerSize() - 40,
      f.headerSize() - 1, // inside the tensor infos
      f.dataOffset() + 10,
      whole.length - 1 // inside the tensor data
    };
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("trunc");
    try {
      for (long cut : cuts) {
        java.nio.file.Path p = dir.resolve("t" + cut + ".gguf");
        Files.write(p, java.util.Arrays.copyOf(whole, (int) cut));
        assertThatThrownBy(() -> GgufReader.readHeader(p))
            .as("cut at %d", cut)
            .isInstanceOf(GgufFormatException.class)
            .hasMessageMatching(".*at byte offset \\d+")
            .satisfies(e -> assertThat(((GgufFormatException) e).offset()).isBetween(0L, cut));
        Files.delete(p);
      }
    } finally {
      Files.delete(dir);
    }
  }
}
