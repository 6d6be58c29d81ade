package dev.modelfleet.cli.signing;

import dev.modelfleet.cli.common.CommandFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/** File and option helpers shared by the signing commands. */
final class CliFiles {
  /** Key and certificate files are small; anything bigger is not one. */
  static final int MAX_PEM_BYTES = 1 << 20;

  private CliFiles() {}

  static byte[] readBounded(Path file, int max, String what) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] data = in.readNBytes(max + 1);
      if (data.length > max) {
        throw new CommandFailedException(what + " " + file + " is larger than " + max + " bytes");
      }
      return data;
    }
  }

  static String readPem(Path file, String what) throws IOException {
    return new String(readBounded(file, MAX_PEM_BYTES, what), StandardCharsets.UTF_8);
  }

  /** The value of environment variable {@code name} as a password. */
  static char[] password(CommandLine cmd, String name) {
    @Nullable String value = System.getenv(name);
    if (value == null || value.isEmpty()) {
      throw new CommandLine.ParameterException(
          cmd, "Environment variable " + name + " (--password-env) is not set or empty.");
    }
    return value.toCharArray();
  }

  /**
   * Ignore paths as given on the command line (relative to the working directory, or absolute),
   * turned into paths relative to the model directory; paths outside the model are dropped.
   */
  static List<String> modelRelative(Path model, List<Path> ignorePaths) {
    List<String> out = new ArrayList<>();
    Path root = model.toAbsolutePath().normalize();
    for (Path p : ignorePaths) {
      Path abs = p.toAbsolutePath().normalize();
      if (!abs.startsWith(root) || abs.equals(root)) {
        continue;
      }
      StringBuilder sb = new StringBuilder();
      for (Path seg : root.relativize(abs)) {
        if (sb.length() > 0) {
          sb.append('/');
        }
        sb.append(seg);
      }
      out.add(sb.toString());
    }
    return out;
  }
}
