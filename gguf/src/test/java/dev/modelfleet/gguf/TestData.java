package dev.modelfleet.gguf;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the vendored fixtures ({@code modelfleet.testdata}, set by the parent POM). */
public final class TestData {
  private TestData() {}

  public static Path dir() {
    String dir = System.getProperty("modelfleet.testdata");
    Path p = dir != null ? Path.of(dir) : Path.of("../testdata");
    if (!Files.isDirectory(p)) {
      throw new IllegalStateException("test data folder not found: " + p.toAbsolutePath());
    }
    return p;
  }

  public static Path tinyLlama() {
    return dir().resolve("gguf/llama-2-tiny-random.gguf");
  }

  public static Path mangledVocab() {
    return dir().resolve("gguf/corrupt/text-mangled-vocab.gguf");
  }
}
