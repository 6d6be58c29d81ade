package dev.modelfleet.bench.delta;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A delta tool as the benchmark runs it: one or two processes to encode, one to decode. */
interface Tool {
  String name();

  Measured encode(Runner r, Path source, Path target, Path patch) throws IOException;

  Measured decode(Runner r, Path source, Path patch, Path out) throws IOException;

  /**
   * This project, through the {@code modelfleet} CLI jar; {@code durable} false applies with {@code
   * --no-sync} (it encodes the same patch, so only its apply is worth reading).
   */
  record ModelFleet(Path cliJar, Path scratch, Variant variant) implements Tool {
    /** Our CLI with its defaults, or with one option that the bench compares in the same run. */
    enum Variant {
      DEFAULT("modelfleet", List.of(), List.of()),
      /** {@code --no-sync}: the target is not flushed (the anchors do not flush theirs). */
      NO_SYNC("modelfleet --no-sync", List.of(), List.of("--no-sync")),
      /** {@code --no-direct-io}: the patch and the target go through the page cache. */
      PAGE_CACHE("modelfleet --no-direct-io", List.of("--no-direct-io"), List.of("--no-direct-io"));

      final String label;
      final List<String> createOptions;
      final List<String> applyOptions;

      Variant(String label, List<String> createOptions, List<String> applyOptions) {
        this.label = label;
        this.createOptions = createOptions;
        this.applyOptions = applyOptions;
      }
    }

    @Override
    public String name() {
      return variant.label;
    }

    @Override
    public Measured encode(Runner r, Path source, Path target, Path patch) throws IOException {
      List<String> cmd =
          new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-jar", cliJar.toString()));
      cmd.addAll(
          List.of(
              "delta",
              "create",
              "--from",
              source.toString(),
              "--to",
              target.toString(),
              "--out",
              patch.toString(),
              "--force"));
      cmd.addAll(variant.createOptions);
      return r.run(cmd, null, null);
    }

    @Override
    public Measured decode(Runner r, Path source, Path patch, Path out) throws IOException {
      Path gc = scratch.resolve("apply-gc.log");
      java.nio.file.Files.deleteIfExists(gc);
      List<String> cmd = new ArrayList<>();
      cmd.add(javaBinary());
      cmd.add("-Xmx32m");
      cmd.add("-XX:+UseSerialGC");
      cmd.add("-Xlog:gc:file=" + gc);
      cmd.add("-jar");
      cmd.add(cliJar.toString());
      cmd.addAll(List.of("delta", "apply"));
      cmd.addAll(variant.applyOptions);
      cmd.addAll(
          List.of(
              "--from",
              source.toString(),
              "--patch",
              patch.toString(),
              "--out",
              out.toString(),
              "--force"));
      Path json = scratch.resolve("apply.json");
      Measured m = r.run(cmd, json, gc);
      // The CLI's JSON summary: "seconds" is the applier's own time, JVM start-up excluded.
      java.util.regex.Matcher s =
          java.util.regex.Pattern.compile("\"seconds\"\\s*:\\s*([0-9.]+)")
              .matcher(java.nio.file.Files.readString(json));
      return m.withInnerSeconds(s.find() ? Double.valueOf(s.group(1)) : null);
    }

    static String javaBinary() {
      return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
  }

  /**
   * Not a delta tool: {@link VerifiedCopy}, the least work an apply that checks both hashes does
   * (the floor of any applier's time on this machine), run like our applier (same JVM and flags).
   * Its "patch" only names the target, which it copies.
   */
  record Floor() implements Tool {
    static final String NAME = "verified copy (floor)";

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public Measured encode(Runner r, Path source, Path target, Path patch) throws IOException {
      java.nio.file.Files.writeString(patch, target.toAbsolutePath().toString());
      return new Measured(0, 0, 0, null);
    }

    @Override
    public Measured decode(Runner r, Path source, Path patch, Path out) throws IOException {
      return r.run(
          List.of(
              ModelFleet.javaBinary(),
              "-Xmx32m",
              "-XX:+UseSerialGC",
              "-cp",
              System.getProperty("java.class.path"),
              VerifiedCopy.class.getName(),
              source.toString(),
              java.nio.file.Files.readString(patch),
              out.toString()),
          null,
          null);
    }
  }

  /** xdelta3 with a source window as large as the source (its best case for moved data). */
  record Xdelta3() implements Tool {
    @Override
    public String name() {
      return "xdelta3";
    }

    @Override
    public Measured encode(Runner r, Path source, Path target, Path patch) throws IOException {
      return r.run(
          List.of(
              "xdelta3",
              "-e",
              "-f",
              "-B",
              window(source),
              "-s",
              source.toString(),
              target.toString(),
              patch.toString()),
          null,
          null);
    }

    @Override
    public Measured decode(Runner r, Path source, Path patch, Path out) throws IOException {
      return r.run(
          List.of(
              "xdelta3",
              "-d",
              "-f",
              "-B",
              window(source),
              "-s",
              source.toString(),
              patch.toString(),
              out.toString()),
          null,
          null);
    }

    private static String window(Path source) throws IOException {
      long size = java.nio.file.Files.size(source);
      long w = Math.max(1 << 20, Long.highestOneBit(Math.max(1, size - 1)) << 1);
      return Long.toString(Math.min(w, 1L << 31));
    }
  }

  /** zstd --patch-from at its default level, with the long window a 1 GiB reference needs. */
  record ZstdPatchFrom() implements Tool {
    @Override
    public String name() {
      return "zstd --patch-from";
    }

    @Override
    public Measured encode(Runner r, Path source, Path target, Path patch) throws IOException {
      return r.run(
          List.of(
              "zstd",
              "-q",
              "-f",
              "-3",
              "--long=31",
              "--patch-from=" + source,
              target.toString(),
              "-o",
              patch.toString()),
          null,
          null);
    }

    @Override
    public Measured decode(Runner r, Path source, Path patch, Path out) throws IOException {
      return r.run(
          List.of(
              "zstd",
              "-q",
              "-f",
              "-d",
              "--long=31",
              "--memory=2048MB",
              "--patch-from=" + source,
              patch.toString(),
              "-o",
              out.toString()),
          null,
          null);
    }
  }

  /** rdiff (librsync): signature of the source, then delta, then patch. */
  record Rdiff(Path scratch) implements Tool {
    @Override
    public String name() {
      return "rdiff";
    }

    @Override
    public Measured encode(Runner r, Path source, Path target, Path patch) throws IOException {
      Path sig = scratch.resolve("rdiff.sig");
      Measured s =
          r.run(List.of("rdiff", "signature", source.toString(), sig.toString()), null, null);
      Measured d =
          r.run(
              List.of("rdiff", "delta", sig.toString(), target.toString(), patch.toString()),
              null,
              null);
      java.nio.file.Files.deleteIfExists(sig);
      return s.plus(d);
    }

    @Override
    public Measured decode(Runner r, Path source, Path patch, Path out) throws IOException {
      return r.run(
          List.of("rdiff", "patch", source.toString(), patch.toString(), out.toString()),
          null,
          null);
    }
  }
}
