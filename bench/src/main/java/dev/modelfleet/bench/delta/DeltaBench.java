package dev.modelfleet.bench.delta;

import dev.modelfleet.bench.delta.Tool.ModelFleet.Variant;
import dev.modelfleet.gguf.GgmlType;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The delta benchmark: for each model pair and tool, patch size, encode time and peak RSS, apply
 * time and peak RSS (the second of two applies; and our applier's peak heap), every output checked
 * against the target's SHA-256. {@code pagecache} is our CLI with {@code --no-direct-io} (patch and
 * target written through the page cache, as before ADR 0011) and {@code nosync} our applier with
 * {@code --no-sync}; the targets are judged on the defaults. The {@code floor} "tool" ({@link
 * VerifiedCopy}) measures the least work any apply that checks both hashes must do, for comparison
 * with the apply speed target. Prints two Markdown tables (results, then the targets) to
 * stdout and progress to stderr.
 *
 * <pre>
 * DeltaBench --cli cli/target/modelfleet-cli.jar [--work bench/work/delta] [--size 1g]
 *            [--quants Q8_0,Q4_0,Q4_K,Q5_K,Q6_K] [--scenarios meta,repl25,ft01,ft05,unrelated]
 *            [--tools modelfleet,pagecache,xdelta3,zstd,rdiff,floor] (also: nosync)
 * </pre>
 *
 * <p>Without {@code --scenarios}, Q8_0 and Q4_0 run every scenario and the K-quants the two
 * fine-tunes (the list).
 */
public final class DeltaBench {
  private DeltaBench() {}

  record Row(
      Scenario scenario,
      String tool,
      long targetSize,
      long patchSize,
      Measured encode,
      Measured apply) {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = parse(args);
    Path cli = Path.of(required(opts, "--cli"));
    Path work = Path.of(opts.getOrDefault("--work", "bench/work/delta"));
    long size = parseSize(opts.getOrDefault("--size", "1g"));
    List<String> quants =
        List.of(opts.getOrDefault("--quants", "Q8_0,Q4_0,Q4_K,Q5_K,Q6_K").split(","));
    String chosen = opts.get("--scenarios");
    List<String> toolNames =
        List.of(
            opts.getOrDefault("--tools", "modelfleet,pagecache,xdelta3,zstd,rdiff,floor")
                .split(","));
    Files.createDirectories(work);
    Path scratch = Files.createDirectories(work.resolve("scratch"));
    Runner runner = new Runner(scratch);
    List<Tool> tools = new ArrayList<>();
    for (String t : toolNames) {
      tools.add(
          switch (t) {
            case "modelfleet" ->
                new Tool.ModelFleet(cli.toAbsolutePath(), scratch, Variant.DEFAULT);
            case "nosync" -> new Tool.ModelFleet(cli.toAbsolutePath(), scratch, Variant.NO_SYNC);
            case "pagecache" ->
                new Tool.ModelFleet(cli.toAbsolutePath(), scratch, Variant.PAGE_CACHE);
            case "xdelta3" -> new Tool.Xdelta3();
            case "zstd" -> new Tool.ZstdPatchFrom();
            case "rdiff" -> new Tool.Rdiff(scratch);
            case "floor" -> new Tool.Floor();
            default -> throw new IllegalArgumentException("unknown tool " + t);
          });
    }
    PrintStream log = System.err;
    List<Row> rows = new ArrayList<>();
    Map<Scenario, Long> zstdTarget = new LinkedHashMap<>();
    for (String q : quants) {
      GgmlType quant = GgmlType.valueOf(q);
      List<String> scenarios =
          chosen != null
              ? List.of(chosen.split(","))
              : quant == GgmlType.Q8_0 || quant == GgmlType.Q4_0
                  ? Scenario.IDS
                  : List.of("ft01", "ft05");
      for (String id : scenarios) {
        log.printf("== %s %s: generating...%n", q, id);
        Scenario s = Scenario.make(id, quant, size, work);
        long targetSize = Files.size(s.target());
        byte[] targetSha = sha256(s.target());
        zstdTarget.put(s, zstdSize(runner, s.target(), scratch));
        for (Tool tool : tools) {
          Path patch = scratch.resolve("patch");
          Path out = scratch.resolve("out");
          Files.deleteIfExists(patch);
          Files.deleteIfExists(out);
          // Both inputs from the page cache, as the applies: this VM reclaims idle cache pages, so
          // without this whichever tool comes first would also pay for reading the disk.
          readThrough(s.source());
          readThrough(s.target());
          Measured enc = tool.encode(runner, s.source(), s.target(), patch);
          long patchSize = Files.size(patch);
          // Two applies, the second measured: the first frees the memory the output needs, so no
          // tool pays for the kernel reclaiming page cache (which can cost seconds per GiB).
          tool.decode(runner, s.source(), patch, out);
          Files.delete(out);
          Measured app = tool.decode(runner, s.source(), patch, out);
          if (!Arrays.equals(sha256(out), targetSha)) {
            throw new IOException(tool.name() + " produced a wrong output for " + s.label());
          }
          Files.delete(out);
          rows.add(new Row(s, tool.name(), targetSize, patchSize, enc, app));
          log.printf(
              "   %-18s patch %,d (%.2f%%) encode %.2fs (cpu %.2fs) apply %.2fs (cpu %.2fs)%n",
              tool.name(),
              patchSize,
              100.0 * patchSize / targetSize,
              enc.seconds(),
              enc.cpuSeconds(),
              app.seconds(),
              app.cpuSeconds());
        }
      }
    }
    printResults(System.out, rows, zstdTarget);
    printTargets(System.out, rows, zstdTarget);
  }

  static void printResults(PrintStream out, List<Row> rows, Map<Scenario, Long> zstdTarget) {
    out.println(
        String.join(
            " | ",
            "| pair",
            "tool",
            "patch",
            "share of target",
            "encode s",
            "encode MB/s",
            "encode RSS MB",
            "apply s",
            "apply MB/s",
            "apply RSS MB |"));
    out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    @Nullable Scenario last = null;
    for (Row r : rows) {
      if (!r.scenario().equals(last)) {
        last = r.scenario();
        out.printf(
            Locale.ROOT,
            "| **%s** (%s, zstd -3 of it: %s) | | | | | | | | | |%n",
            r.scenario().label(),
            bytes(r.targetSize()),
            bytes(zstdTarget.getOrDefault(r.scenario(), 0L)));
      }
      if (r.tool().equals(Tool.Floor.NAME)) {
        out.printf(
            Locale.ROOT,
            "| | %s | — | — | — | — | — | %.2f | %.0f | %.0f |%n",
            r.tool(),
            r.apply().seconds(),
            mbps(r.targetSize(), r.apply().seconds()),
            r.apply().peakRssKb() / 1024.0);
        continue;
      }
      out.printf(
          Locale.ROOT,
          "| | %s | %s | %.2f%% | %.2f | %.0f | %.0f | %.2f | %.0f | %.0f%s%s |%n",
          r.tool(),
          bytes(r.patchSize()),
          100.0 * r.patchSize() / r.targetSize(),
          r.encode().seconds(),
          mbps(r.targetSize(), r.encode().seconds()),
          r.encode().peakRssKb() / 1024.0,
          r.apply().seconds(),
          mbps(r.targetSize(), r.apply().seconds()),
          r.apply().peakRssKb() / 1024.0,
          r.apply().peakHeapMb() == null ? "" : " (heap " + r.apply().peakHeapMb() + ")",
          applierAlone(r));
    }
    out.println();
  }

  /** The applier's own throughput (JVM start-up excluded), where the tool reports it. */
  private static String applierAlone(Row r) {
    Double inner = r.apply().innerSeconds();
    return inner == null
        ? ""
        : String.format(
            Locale.ROOT, " — applier alone %.0f MB/s", mbps(r.targetSize(), inner.doubleValue()));
  }

  static void printTargets(PrintStream out, List<Row> rows, Map<Scenario, Long> zstdTarget) {
    out.println("| target | required | measured | |");
    out.println("|---|---|---|---|");
    double minEncode = Double.MAX_VALUE;
    double minApply = Double.MAX_VALUE;
    double minInner = Double.MAX_VALUE;
    long maxRss = 0;
    long maxHeap = 0;
    double minFloor = Double.MAX_VALUE;
    double minNoSync = Double.MAX_VALUE;
    double minPageCache = Double.MAX_VALUE;
    for (Row r : rows) {
      if (r.tool().equals(Tool.Floor.NAME)) {
        minFloor = Math.min(minFloor, mbps(r.targetSize(), r.apply().seconds()));
      }
      if (r.tool().equals(Variant.NO_SYNC.label)) {
        minNoSync = Math.min(minNoSync, mbps(r.targetSize(), r.apply().seconds()));
      }
      if (r.tool().equals(Variant.PAGE_CACHE.label)) {
        minPageCache = Math.min(minPageCache, mbps(r.targetSize(), r.apply().seconds()));
      }
      if (!r.tool().equals("modelfleet")) {
        continue;
      }
      Scenario s = r.scenario();
      double pct = 100.0 * r.patchSize() / r.targetSize();
      switch (s.id()) {
        case "meta" -> line(out, s.label(), "≤ 8 KiB", bytes(r.patchSize()), r.patchSize() <= 8192);
        case "repl25" -> {
          long best = Long.MAX_VALUE;
          String bestTool = "";
          for (Row o : rows) {
            if (o.scenario().equals(s) && isAnchor(o.tool()) && o.patchSize() < best) {
              best = o.patchSize();
              bestTool = o.tool();
            }
          }
          line(
              out,
              s.label(),
              "≤ best anchor"
                  + (bestTool.isEmpty() ? "" : " (" + bestTool + " " + bytes(best) + ")"),
              bytes(r.patchSize()),
              r.patchSize() <= best);
        }
        case "ft01" -> {
          // The issue sets targets for Q8_0 and Q4_0 only; other types are measured, not judged.
          if (s.quant() == GgmlType.Q8_0 || s.quant() == GgmlType.Q4_0) {
            double limit = s.quant() == GgmlType.Q4_0 ? 20 : 30;
            line(
                out,
                s.label(),
                String.format(Locale.ROOT, "≤ %.0f%% of target", limit),
                String.format(Locale.ROOT, "%.2f%%", pct),
                pct <= limit);
          } else {
            out.printf(Locale.ROOT, "| %s | (no target) | %.2f%% | |%n", s.label(), pct);
          }
        }
        case "unrelated" -> {
          long z = zstdTarget.getOrDefault(s, 0L);
          double rel = 100.0 * r.patchSize() / z;
          line(
              out,
              s.label(),
              "≤ 100.5% of zstd -3 of target",
              String.format(Locale.ROOT, "%.2f%%", rel),
              rel <= 100.5);
        }
        default -> {}
      }
      minEncode = Math.min(minEncode, mbps(r.targetSize(), r.encode().seconds()));
      minApply = Math.min(minApply, mbps(r.targetSize(), r.apply().seconds()));
      Double inner = r.apply().innerSeconds();
      if (inner != null) {
        minInner = Math.min(minInner, mbps(r.targetSize(), inner));
      }
      maxRss = Math.max(maxRss, r.apply().peakRssKb());
      Long heap = r.apply().peakHeapMb();
      maxHeap = Math.max(maxHeap, heap == null ? 0 : heap);
    }
    line(
        out,
        "encode speed (slowest pair)",
        "≥ 200 MB/s",
        String.format(Locale.ROOT, "%.0f MB/s", minEncode),
        minEncode >= 200);
    line(
        out,
        "apply speed (slowest pair)",
        "≥ 500 MB/s",
        String.format(Locale.ROOT, "%.0f MB/s", minApply),
        minApply >= 500);
    if (minInner < Double.MAX_VALUE) {
      line(
          out,
          "apply speed of the applier alone, JVM start-up excluded (slowest pair)",
          "≥ 500 MB/s",
          String.format(Locale.ROOT, "%.0f MB/s", minInner),
          minInner >= 500);
    }
    if (minNoSync < Double.MAX_VALUE) {
      out.printf(
          Locale.ROOT,
          "| (context) apply speed with --no-sync, like the anchors (slowest pair) | — | %.0f MB/s"
              + " | |%n",
          minNoSync);
    }
    if (minPageCache < Double.MAX_VALUE) {
      out.printf(
          Locale.ROOT,
          "| (context) apply speed with --no-direct-io, through the page cache (slowest pair) | — |"
              + " %.0f MB/s | |%n",
          minPageCache);
    }
    if (minFloor < Double.MAX_VALUE) {
      // Not a target: what the machine allows any apply that checks both hashes, in this run.
      out.printf(
          Locale.ROOT,
          "| (context) verified copy, the floor of any checked apply (slowest pair) | — | %.0f MB/s"
              + " | %s |%n",
          minFloor,
          minFloor >= 500 ? "above 500 MB/s" : "**below 500 MB/s**");
    }
    line(out, "apply peak heap (largest)", "≤ 32 MB", maxHeap + " MB (-Xmx32m)", maxHeap <= 32);
    line(
        out,
        "apply peak RSS (largest)",
        "≤ 256 MB",
        String.format(Locale.ROOT, "%.0f MB", maxRss / 1024.0),
        maxRss <= 256 * 1024);
  }

  /** xdelta3, zstd and rdiff: the tools the issue compares against (not ours, not the floor). */
  private static boolean isAnchor(String tool) {
    return !tool.startsWith("modelfleet") && !tool.equals(Tool.Floor.NAME);
  }

  private static void line(
      PrintStream out, String what, String required, String measured, boolean ok) {
    out.printf("| %s | %s | %s | %s |%n", what, required, measured, ok ? "met" : "**missed**");
  }

  static long zstdSize(Runner r, Path target, Path scratch) throws IOException {
    Path z = scratch.resolve("target.zst");
    r.run(List.of("zstd", "-q", "-f", "-3", target.toString(), "-o", z.toString()), null, null);
    long size = Files.size(z);
    Files.delete(z);
    return size;
  }

  static String bytes(long n) {
    if (n < 10 * 1024) {
      return n + " B";
    } else if (n < 10L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", n / 1024.0);
    }
    return String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0);
  }

  static double mbps(long bytes, double seconds) {
    return seconds <= 0 ? 0 : bytes / seconds / 1e6;
  }

  /** Reads a file once (into the page cache). */
  static void readThrough(Path p) throws IOException {
    try (FileChannel ch = FileChannel.open(p)) {
      ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
      while (ch.read(buf) > 0) {
        buf.clear();
      }
    }
  }

  static byte[] sha256(Path p) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (var in = Files.newInputStream(p)) {
        byte[] buf = new byte[1 << 20];
        int n;
        while ((n = in.read(buf)) > 0) {
          md.update(buf, 0, n);
        }
      }
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static long parseSize(String s) {
    String t = s.toLowerCase(Locale.ROOT);
    long mult = 1;
    if (t.endsWith("g")) {
      mult = 1L << 30;
    } else if (t.endsWith("m")) {
      mult = 1L << 20;
    } else if (t.endsWith("k")) {
      mult = 1L << 10;
    }
    if (mult > 1) {
      t = t.substring(0, t.length() - 1);
    }
    return Long.parseLong(t) * mult;
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("usage: DeltaBench --cli JAR [--option value]...");
      }
      m.put(args[i], args[++i]);
    }
    return m;
  }

  private static String required(Map<String, String> opts, String key) {
    @Nullable String v = opts.get(key);
    if (v == null) {
      throw new IllegalArgumentException(key + " is required");
    }
    return v;
  }
}
