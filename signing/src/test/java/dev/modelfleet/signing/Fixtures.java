package dev.modelfleet.signing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** Locates the vendored fixtures and recreates the model the OMS vectors were made from. */
public final class Fixtures {
  /** A fixed "now" inside every fixture certificate's validity. */
  public static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-06-01T00:00:00Z"), ZoneOffset.UTC);

  private Fixtures() {}

  public static Path testdata() {
    String dir = System.getProperty("modelfleet.testdata");
    if (dir == null) {
      throw new IllegalStateException("system property modelfleet.testdata is not set");
    }
    return Path.of(dir);
  }

  public static Path oms(String relative) {
    return testdata().resolve("oms").resolve(relative);
  }

  public static byte[] vector(String name) {
    return read(oms("test-vectors/v1.0/" + name));
  }

  public static String text(Path p) {
    return new String(read(p), StandardCharsets.UTF_8);
  }

  public static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String resource(String name) {
    try (var in = Fixtures.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The model the key and certificate vectors sign: the digests in their statements are those of
   * "signme-1\n" and "signme-2"; "ignore-me" is excluded by their ignore paths.
   */
  public static Path keyVectorModel(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("signme-1"), "signme-1\n");
    Files.writeString(dir.resolve("signme-2"), "signme-2");
    Files.writeString(dir.resolve("ignore-me"), "anything");
    return dir;
  }

  /** The model of the sigstore vector: "signme-1" and "signme-2" without newlines. */
  public static Path sigstoreVectorModel(Path dir) throws IOException {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve("signme-1"), "signme-1");
    Files.writeString(dir.resolve("signme-2"), "signme-2");
    Files.writeString(dir.resolve("ignore-me"), "anything");
    return dir;
  }
}
