package dev.modelfleet.cli.gguf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfleet.cli.Main;
import dev.modelfleet.cli.common.ExitCode;
import dev.modelfleet.gguf.GgufFile;
import dev.modelfleet.gguf.GgufReader;
import dev.modelfleet.signing.json.Json;
import dev.modelfleet.signing.json.JsonObject;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufCommandsTest {
  @TempDir Path dir;

  record Result(int exitCode, String out, String err) {}

  static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }

  static Path testdata(String name) {
    return Path.of(System.getProperty("modelfleet.testdata", "../testdata")).resolve(name);
  }

  @Test
  void inspectJsonReportsTheFixturesHeader() {
    Result r =
        run("gguf", "inspect", "--json", testdata("gguf/llama-2-tiny-random.gguf").toString());

    assertThat(r.exitCode()).isZero();
    assertThat(r.err()).isEmpty();
    JsonObject o = Json.parseObject(r.out());
    assertThat(o.getLong("version")).isEqualTo(3);
    assertThat(o.getLong("kvCount")).isEqualTo(18);
    assertThat(o.getObject("metadata").size()).isEqualTo(18);
    assertThat(o.getLong("tensorCount")).isEqualTo(12);
    assertThat(o.getArray("tensors").size()).isEqualTo(12);
    assertThat(o.getString("architecture")).isEqualTo("llama");
    assertThat(o.getArray("tensorTypes").strings()).containsExactly("F16", "F32");
    assertThat(o.getLong("alignment")).isEqualTo(32);
    assertThat(o.getLong("fileSize")).isEqualTo(1_750_560L);
    assertThat(o.getLong("dataOffset")).isPositive();
    JsonObject tokens = o.getObject("metadata").getObject("tokenizer.ggml.tokens");
    assertThat(tokens.getLong("length")).isEqualTo(32000);
    assertThat(tokens.getArray("head").size()).isEqualTo(InspectCommand.MAX_ARRAY);
    JsonObject first = o.getArray("tensors").objects().get(0);
    assertThat(first.keys()).containsExactly("name", "type", "dims", "offset", "size");
  }

  @Test
  void inspectPrintsReadableTables() {
    Result r = run("gguf", "inspect", testdata("gguf/llama-2-tiny-random.gguf").toString());
    assertThat(r.exitCode()).isZero();
    assertThat(r.out())
        .contains("architecture  llama")
        .contains("18 metadata keys")
        .contains("12 tensors")
        .contains("tensor types  F16, F32")
        .contains("token_embd.weight");
  }

  @Test
  void corruptFixtureExitsOneWithAnErrorNamingTheOffset() {
    Result r =
        run(
            "gguf",
            "inspect",
            "--json",
            testdata("gguf/corrupt/text-mangled-vocab.gguf").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("not a valid GGUF file").contains("at byte offset 212");
    assertThat(r.err().strip().lines()).hasSize(1);
    assertThat(r.err()).doesNotContain("Exception");
  }

  @Test
  void verboseAddsTheStackTrace() {
    Result r =
        run(
            "gguf",
            "inspect",
            "--verbose",
            testdata("gguf/corrupt/text-mangled-vocab.gguf").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err()).contains("GgufFormatException");
  }

  @Test
  void missingFileExitsOne() {
    Result r = run("gguf", "inspect", dir.resolve("nope.gguf").toString());
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err()).contains("no such file");
  }

  @Test
  void generateThenInspectAndDerive() throws IOException {
    Path model = dir.resolve("m.gguf");
    Result g =
        run(
            "gguf",
            "generate",
            "--out",
            model.toString(),
            "--seed",
            "3",
            "--quant",
            "Q4_0",
            "--size-mb",
            "2",
            "--context-length",
            "1024");
    assertThat(g.exitCode()).as(g.err()).isZero();
    assertThat(g.out()).contains("wrote").contains("Q4_0");
    GgufFile f = GgufReader.readHeader(model);
    assertThat(f.metadata().architectureLong("context_length")).contains(1024L);
    assertThat(f.fileSize()).isBetween(1L << 20, 3L << 20);

    Path v2 = dir.resolve("v2.gguf");
    Result d =
        run(
            "gguf",
            "derive",
            "--from",
            model.toString(),
            "--out",
            v2.toString(),
            "--set",
            "general.name=v2",
            "--set",
            "llama.context_length=4096",
            "--set",
            "my.flag:bool=true",
            "--finetune",
            "0.01",
            "--layers",
            "0-0");
    assertThat(d.exitCode()).as(d.err()).isZero();
    GgufFile f2 = GgufReader.readHeader(v2);
    assertThat(f2.metadata().findString("general.name")).contains("v2");
    assertThat(f2.metadata().architectureLong("context_length")).contains(4096L);
    assertThat(f2.metadata().find("my.flag").orElseThrow().asBoolean()).isTrue();
    assertThat(f2.tensors()).hasSameSizeAs(f.tensors());

    Path v3 = dir.resolve("v3.gguf");
    Result t =
        run(
            "gguf",
            "derive",
            "--from",
            model.toString(),
            "--out",
            v3.toString(),
            "--remove-tensor",
            "output.weight",
            "--add-tensor",
            "extra.weight:F16:64x4");
    assertThat(t.exitCode()).as(t.err()).isZero();
    assertThat(GgufReader.readHeader(v3).tensor("extra.weight")).isPresent();
  }

  @Test
  void generateIntoADirectoryThatDoesNotExistNamesIt() {
    Path missing = dir.resolve("no-such-dir");
    Result r =
        run("gguf", "generate", "--out", missing.resolve("m.gguf").toString(), "--size-mb", "1");
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err())
        .isEqualTo(
            "modelfleet: "
                + missing
                + ": no such directory to write m.gguf in"
                + System.lineSeparator());
    assertThat(missing).doesNotExist();
  }

  @Test
  void generateRefusesToOverwriteWithoutForce() throws IOException {
    Path model = dir.resolve("m.gguf");
    Files.writeString(model, "keep me");
    Result r = run("gguf", "generate", "--out", model.toString(), "--size-mb", "1");
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err()).contains("already exists");
    assertThat(Files.readString(model)).isEqualTo("keep me");
    assertThat(
            run("gguf", "generate", "--out", model.toString(), "--size-mb", "1", "--force")
                .exitCode())
        .isZero();
  }

  @Test
  void usageErrorsExitTwo() {
    Path out = dir.resolve("x.gguf");
    assertThat(run("gguf", "generate", "--out", out.toString(), "--quant", "IQ2_XXS").exitCode())
        .isEqualTo(ExitCode.USAGE);
    assertThat(run("gguf", "generate", "--out", out.toString(), "--size-mb", "0").exitCode())
        .isEqualTo(ExitCode.USAGE);
    assertThat(run("gguf", "generate").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run("gguf", "inspect").exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(run("gguf").exitCode()).isEqualTo(ExitCode.USAGE);
    String fixture = testdata("gguf/llama-2-tiny-random.gguf").toString();
    Result nothing = run("gguf", "derive", "--from", fixture, "--out", out.toString());
    assertThat(nothing.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(nothing.err()).contains("Nothing to derive");
    assertThat(
            run(
                    "gguf",
                    "derive",
                    "--from",
                    fixture,
                    "--out",
                    out.toString(),
                    "--set",
                    "llama.context_length=abc")
                .exitCode())
        .isEqualTo(ExitCode.USAGE);
    assertThat(
            run("gguf", "derive", "--from", fixture, "--out", out.toString(), "--layers", "1-2")
                .exitCode())
        .isEqualTo(ExitCode.USAGE);
    assertThat(out).doesNotExist();
  }

  @Test
  void deriveFailuresExitOne() {
    Path out = dir.resolve("x.gguf");
    String fixture = testdata("gguf/llama-2-tiny-random.gguf").toString();
    Result r =
        run(
            "gguf",
            "derive",
            "--from",
            fixture,
            "--out",
            out.toString(),
            "--remove-tensor",
            "nope");
    assertThat(r.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(r.err()).contains("no tensor 'nope'");
    Result corrupt =
        run(
            "gguf",
            "derive",
            "--from",
            testdata("gguf/corrupt/text-mangled-vocab.gguf").toString(),
            "--out",
            out.toString(),
            "--set",
            "a=b");
    assertThat(corrupt.exitCode()).isEqualTo(ExitCode.FAILURE);
    assertThat(corrupt.err()).contains("at byte offset 212");
    assertThat(out).doesNotExist();
  }

  @Test
  void everyCommandHasHelp() {
    for (String[] args :
        new String[][] {
          {"gguf", "--help"},
          {"gguf", "inspect", "--help"},
          {"gguf", "generate", "--help"},
          {"gguf", "derive", "--help"}
        }) {
      Result r = run(args);
      assertThat(r.exitCode()).isZero();
      assertThat(r.out()).contains("Usage: modelfleet gguf");
    }
  }
}
