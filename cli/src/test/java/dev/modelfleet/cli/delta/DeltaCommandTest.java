package dev.modelfleet.cli.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.modelfleet.cli.Main;
import dev.modelfleet.cli.common.ExitCode;
import dev.modelfleet.gguf.GgmlType;
import dev.modelfleet.gguf.GgufValue;
import dev.modelfleet.gguf.generate.DeriveSpec;
import dev.modelfleet.gguf.generate.ModelDeriver;
import dev.modelfleet.gguf.generate.ModelGenerator;
import dev.modelfleet.gguf.generate.ModelSpec;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeltaCommandTest {
  @TempDir static Path models;
  static Path oldModel;
  static Path newModel;

  @TempDir Path dir;

  record Result(int exitCode, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  @BeforeAll
  static void models() throws IOException {
    oldModel = models.resolve("old.gguf");
    newModel = models.resolve("new.gguf");
    ModelGenerator.generate(ModelSpec.forSize(3 << 20, GgmlType.Q8_0, 1), oldModel);
    ModelDeriver.derive(
        oldModel,
        newModel,
        DeriveSpec.builder()
            .set("general.name", GgufValue.string("assistant v2"))
            .finetune(0.01)
            .layers(0, 0)
            .seed(5)
            .build());
  }

  /** Runs {@code delta create} of the test's pair into {@code p.mfdelta}; returns that file. */
  Path create(String... options) {
    Path patch = dir.resolve("p.mfdelta");
    Result r = create(patch, options);
    assertThat(r.exitCode()).as(r.err()).isZero();
    return patch;
  }

  /**
   * Runs {@code delta create --from OLD --to NEW --out PATCH --force} with {@code options} after.
   */
  Result create(Path patch, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "delta",
                "create",
                "--from",
                oldModel.toString(),
                "--to",
                newModel.toString(),
                "--out",
                patch.toString()));
    args.addAll(List.of(options));
    return run(args.toArray(String[]::new));
  }

  /** Runs {@code delta apply --from FROM --patch PATCH --out OUT} with {@code options} after. */
  Result apply(Path from, Path patch, Path out, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "delta",
                "apply",
                "--from",
                from.toString(),
                "--patch",
                patch.toString(),
                "--out",
                out.toString()));
    args.addAll(List.of(options));
    return run(args.toArray(String[]::new));
  }

  @Test
  void createPrintsAJsonSummaryAndApplyRebuildsTheNewModel() throws IOException {
    Path patch = dir.resolve("p.mfdelta");
    Result created = create(patch);
    assertThat(created.exitCode()).as(created.err()).isZero();
    JsonObject s = Json.parseObject(created.out());
    assertThat(s.getString("strategy")).isEqualTo("gguf");
    assertThat(s.getObject("target").getLong("size")).isEqualTo(Files.size(newModel));
    assertThat(s.getObject("patch").getLong("size")).isEqualTo(Files.size(patch));
    assertThat(s.getNumber("ratio").doubleValue()).isBetween(0.0, 0.5);
    assertThat(s.getNumber("seconds").doubleValue()).isPositive();
    JsonObject ops = s.getObject("operations");
    assertThat(ops.getObject("copy").getLong("count")).isPositive();
    assertThat(ops.getObject("transform:Q8_0").getLong("count")).isPositive();

    Path out = dir.resolve("rebuilt.gguf");
    Result applied = apply(oldModel, patch, out);
    assertThat(applied.exitCode()).as(applied.err()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(newModel));
    assertThat(Json.parseObject(applied.out()).getObject("target").getString("sha256"))
        .isEqualTo(s.getObject("target").getString("sha256"));
  }

  @Test
  void applyWithNoSyncRebuildsTheNewModelAndLeavesNoTemporaryFile() throws IOException {
    Path patch = create();
    Path outDir = Files.createDirectories(dir.resolve("nosync"));
    Path out = outDir.resolve("rebuilt.gguf");
    Result r = apply(oldModel, patch, out, "--no-sync");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(newModel));
    try (var files = Files.list(outDir)) {
      assertThat(files).containsExactly(out);
    }
  }

  @Test
  void withoutDirectIoCreateWritesTheSamePatchAndApplyTheSameModel() throws IOException {
    byte[] direct = Files.readAllBytes(create());
    Path patch = create("--force", "--no-direct-io");
    assertThat(Files.readAllBytes(patch)).isEqualTo(direct);
    Path out = dir.resolve("rebuilt.gguf");
    Result r = apply(oldModel, patch, out, "--no-direct-io");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.readAllBytes(out)).isEqualTo(Files.readAllBytes(newModel));
  }

  @Test
  void inspectDescribesThePatch() {
    Path patch = create();
    Result r = run("delta", "inspect", patch.toString());
    assertThat(r.exitCode()).as(r.err()).isZero();
    JsonObject info = Json.parseObject(r.out());
    assertThat(info.getLong("formatVersion")).isEqualTo(1);
    assertThat(info.getObject("target").getLong("size")).isPositive();
    assertThat(info.getObject("operations").has("transform:Q8_0")).isTrue();
  }

  @Test
  void applyToTheWrongSourceExitsOneAndWritesNothing() throws IOException {
    Path patch = create();
    Path out = dir.resolve("rebuilt.gguf");
    Result r = apply(newModel, patch, out);
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err()).contains("the patch was made from").doesNotContain("Exception");
    assertThat(out).doesNotExist();
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("p.mfdelta");
    }
  }

  @Test
  void aCorruptOrTruncatedPatchExitsOne() throws IOException {
    Path patch = create();
    byte[] bytes = Files.readAllBytes(patch);
    Path corrupt = dir.resolve("corrupt");
    byte[] flipped = bytes.clone();
    flipped[bytes.length / 2] ^= 0x10;
    Files.write(corrupt, flipped);
    Path truncated = dir.resolve("truncated");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 10));
    for (Path p : new Path[] {corrupt, truncated}) {
      Path out = dir.resolve("out-" + p.getFileName());
      Result r = apply(oldModel, p, out);
      assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
      assertThat(out).doesNotExist();
      Result i = run("delta", "inspect", p.toString());
      assertThat(i.exitCode()).isEqualTo(ExitCode.FAILURE);
    }
  }

  @Test
  void anUnexpectedTargetHashExitsOne() {
    Path patch = create();
    Result r = apply(oldModel, patch, dir.resolve("o"), "--expect-sha256", "00".repeat(32));
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err()).contains("was expected");
  }

  @Test
  void existingOutputsNeedForce() throws IOException {
    Path patch = create();
    Result r = create(patch);
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err()).contains("already exists");
    Path out = Files.writeString(dir.resolve("existing"), "x");
    r = apply(oldModel, patch, out, "--force");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.size(out)).isEqualTo(Files.size(newModel));

    Path directory = Files.createDirectory(dir.resolve("models"));
    r = apply(oldModel, patch, directory, "--force");
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err()).contains(directory + " is a directory").doesNotContain("partial");
    assertThat(directory).isEmptyDirectory();
  }

  @Test
  void theAppliedModelKeepsTheInstalledModelsPermissions() throws IOException {
    assumeThat(dir.getFileSystem().supportedFileAttributeViews()).contains("posix");
    Path patch = create();
    Path installed = Files.copy(oldModel, dir.resolve("installed.gguf"));
    Set<PosixFilePermission> groupReads = PosixFilePermissions.fromString("rw-r-----");
    Files.setPosixFilePermissions(installed, groupReads);
    Result r = apply(installed, patch, installed, "--force", "--no-sync");
    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(Files.mismatch(installed, newModel)).isEqualTo(-1);
    assertThat(Files.getPosixFilePermissions(installed)).isEqualTo(groupReads);
  }

  @Test
  void everyDeltaCommandHasHelp() {
    for (String c : new String[] {"create", "apply", "inspect"}) {
      Result r = run("delta", c, "--help");
      assertThat(r.exitCode()).isZero();
      assertThat(r.out()).contains("Usage: modelfleet delta " + c);
    }
  }

  @Test
  void usageErrorsExitTwo() {
    assertThat(run("delta").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run("delta", "create", "--from", "a").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(
            run(
                    "delta",
                    "apply",
                    "--from",
                    "a",
                    "--patch",
                    "b",
                    "--out",
                    "c",
                    "--expect-sha256",
                    "xyz")
                .exitCode())
        .isEqualTo(ExitCode.USAGE);
    assertThat(
            run("delta", "create", "--from", "a", "--to", "b", "--out", "c", "--level", "0")
                .exitCode())
        .isEqualTo(ExitCode.USAGE);
  }

  @Test
  void aMissingFileExitsOneWithItsName() {
    Result r = run("delta", "inspect", dir.resolve("nope").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err()).contains("no such file").contains("nope");
  }

  @Test
  void aDirectoryWhereAFileBelongsIsNamed() {
    Path patch = create();
    String folder = dir.toString();
    String isADirectory =
        "modelfleet: " + folder + ": is a directory, not a file" + System.lineSeparator();
    List<String[]> calls =
        List.of(
            new String[] {"delta", "apply", "--from", folder, "--patch", patch.toString()},
            new String[] {"delta", "apply", "--from", oldModel.toString(), "--patch", folder},
            new String[] {"delta", "create", "--from", folder, "--to", newModel.toString()},
            new String[] {"delta", "create", "--from", oldModel.toString(), "--to", folder},
            new String[] {"delta", "inspect", folder});
    for (String[] call : calls) {
      List<String> args = new ArrayList<>(Arrays.asList(call));
      if (!call[1].equals("inspect")) {
        args.addAll(List.of("--out", dir.resolve("out").toString()));
      }
      Result r = run(args.toArray(String[]::new));
      assertThat(r.exitCode()).as(String.join(" ", call)).isEqualTo(ExitCode.FAILURE);
      assertThat(r.err()).as(String.join(" ", call)).isEqualTo(isADirectory);
    }
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void evenWithForceAnOutputDoesNotReplaceAnInput() throws IOException {
    Path newer = Files.copy(newModel, dir.resolve("newer.gguf"));
    Result c =
        run(
            "delta",
            "create",
            "--from",
            oldModel.toString(),
            "--to",
            newer.toString(),
            "--out",
            newer.toString(),
            "--force");
    assertThat(c.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(c.err()).contains(newer + ": is the target itself; writing there would destroy it");
    assertThat(Files.readAllBytes(newer)).isEqualTo(Files.readAllBytes(newModel));

    Path patch = create();
    byte[] patchBytes = Files.readAllBytes(patch);
    Result a =
        run(
            "delta",
            "apply",
            "--from",
            oldModel.toString(),
            "--patch",
            patch.toString(),
            "--out",
            patch.toString(),
            "--force");
    assertThat(a.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(a.err()).contains(patch + ": is the patch itself; writing there would destroy it");
    assertThat(Files.readAllBytes(patch)).isEqualTo(patchBytes);
  }

  @Test
  void anOutputInADirectoryThatDoesNotExistIsNamed() {
    Path missing = dir.resolve("no-such-dir");
    Result r =
        run(
            "delta",
            "apply",
            "--from",
            oldModel.toString(),
            "--patch",
            create().toString(),
            "--out",
            missing.resolve("new.gguf").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err())
        .isEqualTo(
            "modelfleet: "
                + missing
                + ": no such directory to write new.gguf in"
                + System.lineSeparator());
  }
}
