package dev.modelfleet.signing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the real {@code openssl} command line (installed on every build machine). */
public final class OpenSsl {
  private OpenSsl() {}

  public record Result(int exitCode, String output) {}

  public static Result run(Path dir, Map<String, String> env, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add("openssl");
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("openssl finished").isTrue();
      return new Result(p.exitValue(), out);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  public static Result run(Path dir, String... args) throws IOException {
    return run(dir, Map.of(), args);
  }

  /** Runs and requires exit 0. */
  public static String ok(Path dir, String... args) throws IOException {
    Result r = run(dir, args);
    assertThat(r.exitCode()).as("openssl " + String.join(" ", args) + ":\n" + r.output()).isZero();
    return r.output();
  }
}
