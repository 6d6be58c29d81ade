package dev.modelfleet.cli.common;

import dev.modelfleet.signing.KeyFormatException;
import dev.modelfleet.signing.SigningKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/** How commands read keys, certificates and other small inputs, and key passwords. */
public final class KeyFiles {
  /** Key and certificate files are small; anything bigger is not one. */
  public static final int MAX_PEM_BYTES = 1 << 20;

  private KeyFiles() {}

  /** Reads at most {@code max} bytes of {@code file}; a longer file fails with one sentence. */
  public static byte[] readBounded(Path file, int max, String what) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] data = in.readNBytes(max + 1);
      if (data.length > max) {
        throw new CommandFailedException(what + " " + file + " is larger than " + max + " bytes");
      }
      return data;
    }
  }

  public static String readPem(Path file, String what) throws IOException {
    return new String(readBounded(file, MAX_PEM_BYTES, what), StandardCharsets.UTF_8);
  }

  /** The value of environment variable {@code name} as a password (a usage error if unset). */
  public static char[] password(CommandLine cmd, String name) {
    @Nullable String value = System.getenv(name);
    if (value == null || value.isEmpty()) {
      throw new CommandLine.ParameterException(
          cmd, "Environment variable " + name + " (--password-env) is not set or empty.");
    }
    return value.toCharArray();
  }

  /**
   * The private key in PEM file {@code key}, decrypted with the password in environment variable
   * {@code passwordEnv} if given; an unusable key fails with one sentence naming the file.
   */
  public static SigningKey signingKey(CommandLine cmd, Path key, @Nullable String passwordEnv)
      throws IOException {
    char[] password = passwordEnv == null ? null : password(cmd, passwordEnv);
    try {
      return SigningKey.fromPem(readPem(key, "key file"), password);
    } catch (KeyFormatException e) {
      throw new CommandFailedException("cannot load private key " + key + ": " + e.getMessage(), e);
    }
  }
}
