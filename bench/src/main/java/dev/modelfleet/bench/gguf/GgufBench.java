package dev.modelfleet.bench.gguf;

import dev.modelfleet.gguf.GgmlType;
import dev.modelfleet.gguf.GgufFile;
import dev.modelfleet.gguf.GgufReader;
import dev.modelfleet.gguf.generate.ModelGenerator;
import dev.modelfleet.gguf.generate.ModelSpec;
import dev.modelfleet.gguf.generate.ProgressListener;
import dev.modelfleet.gguf.quant.Quantization;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The gguf benchmarks of issue 2, printed as a Markdown table: header parse of a generated 4 GiB
 * model (target &lt; 50 ms), generator write throughput to a file (≥ 200 MB/s), Q8_0 quantization
 * throughput (≥ 200 MB/s of F32 input). Usage: {@code GgufBench WORK_DIR [--model-gib N]
 * [--generate-gib N] [--threads N]}.
 */
public final class GgufBench {
  private static final long MIB = 1L << 20;

  private GgufBench() {}

  record Row(String what, String result, String target, boolean ok) {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println(
          "usage: GgufBench WORK_DIR [--model-gib N] [--generate-gib N] [--threads N]");
      System.exit(2);
    }
    Path work = Path.of(args[0]);
    long modelGib = 4;
    long generateGib = 1;
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    for (int i = 1; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--model-gib" -> modelGib = Long.parseLong(args[i + 1]);
        case "--generate-gib" -> generateGib = Long.parseLong(args[i + 1]);
        case "--threads" -> threads = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Files.createDirectories(work);
    List<Row> rows = new ArrayList<>();
    rows.add(quantizeQ8());
    rows.add(quantizeK(GgmlType.Q4_K));
    rows.add(quantizeK(GgmlType.Q6_K));
    rows.add(generate(work, generateGib, threads));
    rows.add(generateToNull(generateGib));
    rows.add(headerParse(work, modelGib, threads));

    System.out.println();
    System.out.printf(
        Locale.ROOT,
        "Machine: %d cores, JDK %s, %s %s; generator threads: %d%n%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        threads);
    System.out.println("| benchmark | result | target | met |");
    System.out.println("|---|---:|---:|:---:|");
    for (Row r : rows) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s |%n",
          r.what(),
          r.result(),
          r.target(),
          r.ok() ? "yes" : "NO");
    }
  }

  /** F32 -> Q8_0 of 64 MiB of Gaussian floats, best of 7 passes after warm-up (one thread). */
  static Row quantizeQ8() {
    int n = 16 << 20; // floats
    float[] x = new float[n];
    SplittableRandom rnd = new SplittableRandom(1);
    for (int i = 0; i < n; i++) {
      x[i] = (float) (rnd.nextGaussian() * 0.02);
    }
    int chunk = 1 << 16;
    byte[] out = new byte[(int) GgmlType.Q8_0.byteSize(chunk)];
    double best = 0;
    for (int pass = 0; pass < 10; pass++) {
      long start = System.nanoTime();
      for (int off = 0; off < n; off += chunk) {
        Quantization.quantize(GgmlType.Q8_0, x, off, chunk, out, 0);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (pass >= 3) {
        best = Math.max(best, 4.0 * n / 1e6 / seconds);
      }
    }
    return new Row(
        "Q8_0 quantization, 64 MiB F32 input, 1 thread (best of 7)",
        mbs(best),
        "≥ 200 MB/s",
        best >= 200);
  }

  /** A k-quant's reference quantizer on 16 MiB of Gaussian F32, best of 3 after a warm-up. */
  static Row quantizeK(GgmlType type) {
    int n = 4 << 20;
    float[] x = new float[n];
    SplittableRandom rnd = new SplittableRandom(2);
    for (int i = 0; i < n; i++) {
      x[i] = (float) (rnd.nextGaussian() * 0.02);
    }
    int chunk = 1 << 16;
    byte[] out = new byte[(int) type.byteSize(chunk)];
    double best = 0;
    for (int pass = 0; pass < 4; pass++) {
      long start = System.nanoTime();
      for (int off = 0; off < n; off += chunk) {
        Quantization.quantize(type, x, off, chunk, out, 0);
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      if (pass >= 1) {
        best = Math.max(best, 4.0 * n / 1e6 / seconds);
      }
    }
    return new Row(
        type + " reference quantization, 16 MiB F32 input, 1 thread (best of 3)",
        mbs(best),
        "(reference)",
        true);
  }

  /** Generates a Q8_0 model of about {@code gib} GiB into the work dir (closed, not fsynced). */
  static Row generate(Path work, long gib, int threads) throws IOException {
    Path out = work.resolve("generate-throughput.gguf");
    ModelSpec spec = ModelSpec.forSize(gib << 30, GgmlType.Q8_0, 7);
    warmUp(threads);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    GgufFile f = ModelGenerator.generate(spec, out, ProgressListener.NONE, threads);
    double seconds = (System.nanoTime() - start) / 1e9;
    double cpuSeconds = (os.getProcessCpuTime() - cpu) / 1e9;
    Files.delete(out);
    double rate = f.fileSize() / 1e6 / seconds;
    return new Row(
        String.format(
            Locale.ROOT,
            "generator, Q8_0 model of %.2f GiB written to disk (process CPU: %.1f s for %.1f s"
                + " wall-clock)",
            f.fileSize() / (double) (1L << 30),
            cpuSeconds,
            seconds),
        mbs(rate),
        "≥ 200 MB/s",
        rate >= 200);
  }

  /**
   * The same model to a null stream on the calling thread only, timed by that thread's CPU time:
   * what one core computes per second, whatever else loads the machine.
   */
  static Row generateToNull(long gib) throws IOException {
    ModelSpec spec = ModelSpec.forSize(gib << 30, GgmlType.Q8_0, 7);
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    long cpu = mx.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    GgufFile f =
        ModelGenerator.generate(spec, OutputStream.nullOutputStream(), ProgressListener.NONE, 1);
    double cpuSeconds = (mx.getCurrentThreadCpuTime() - cpu) / 1e9;
    double wall = (System.nanoTime() - start) / 1e9;
    return new Row(
        "generator, same model to a null stream on 1 thread: per CPU-second (per wall-clock second)",
        String.format(
            Locale.ROOT,
            "%s (%s)",
            mbs(f.fileSize() / 1e6 / cpuSeconds),
            mbs(f.fileSize() / 1e6 / wall)),
        "(reference)",
        true);
  }

  /**
   * Header parse of a generated model of {@code gib} GiB: median of 21 parses (cold JVM excluded).
   */
  static Row headerParse(Path work, long gib, int threads) throws IOException {
    ModelSpec spec = ModelSpec.forSize(gib << 30, GgmlType.Q8_0, 4);
    Path model = work.resolve("header-parse-" + gib + "gib.gguf");
    GgufFile planned = ModelGenerator.plan(spec);
    if (!Files.exists(model) || Files.size(model) != planned.fileSize()) {
      System.err.printf(
          Locale.ROOT,
          "generating %s (%.2f GiB)...%n",
          model,
          planned.fileSize() / (double) (1L << 30));
      ModelGenerator.generate(spec, model, ProgressListener.NONE, threads);
    }
    long first = System.nanoTime();
    GgufFile f = GgufReader.readHeader(model);
    double firstMs = (System.nanoTime() - first) / 1e6;
    double[] ms = new double[21];
    for (int i = 0; i < ms.length; i++) {
      long start = System.nanoTime();
      f = GgufReader.readHeader(model);
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    double median = ms[ms.length / 2];
    return new Row(
        String.format(
            Locale.ROOT,
            "header parse, %.2f GiB Q8_0 model (%d tensors, %d keys, %d-token vocab); first parse in a fresh JVM: %.1f ms",
            f.fileSize() / (double) (1L << 30),
            f.tensors().size(),
            f.metadata().size(),
            spec.vocabSize(),
            firstMs),
        String.format(Locale.ROOT, "%.2f ms (median of 21)", median),
        "< 50 ms",
        median < 50);
  }

  private static void warmUp(int threads) throws IOException {
    ModelGenerator.generate(
        ModelSpec.forSize(64 * MIB, GgmlType.Q8_0, 1),
        OutputStream.nullOutputStream(),
        ProgressListener.NONE,
        threads);
  }

  private static String mbs(double v) {
    return String.format(Locale.ROOT, "%.0f MB/s", v);
  }
}
