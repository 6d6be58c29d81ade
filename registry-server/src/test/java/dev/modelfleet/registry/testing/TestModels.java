package dev.modelfleet.registry.testing;

import dev.modelfleet.gguf.GgmlType;
import dev.modelfleet.gguf.generate.ModelGenerator;
import dev.modelfleet.gguf.generate.ModelSpec;
import dev.modelfleet.signing.KeyAlgorithm;
import dev.modelfleet.signing.Signer;
import dev.modelfleet.signing.SigningKey;
import dev.modelfleet.signing.oms.ModelSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/** Small real models (the gguf generator) and real OMS signatures (the signing library). */
public final class TestModels {
  private TestModels() {}

  /** A deterministic ECDSA P-256 publisher key. */
  public static SigningKey key(long seed) {
    try {
      SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
      random.setSeed(seed);
      return SigningKey.generate(KeyAlgorithm.ECDSA_P256, random);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A ~{@code bytes}-byte Q8_0 llama model in {@code dir}. */
  public static Path model(Path dir, String name, long bytes, long seed) {
    try {
      Files.createDirectories(dir);
      Path out = dir.resolve(name);
      ModelGenerator.generate(ModelSpec.forSize(bytes, GgmlType.Q8_0, seed), out);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The OMS bundle JSON signing {@code file} with {@code key}. */
  public static String sign(Path file, SigningKey key) {
    try {
      return new String(
          ModelSigner.builder(Signer.of(key)).build().sign(file).toBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  public static String publicPem(SigningKey key) {
    return key.verificationKey().toPem();
  }
}
