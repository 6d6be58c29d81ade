package dev.modelfleet.bench.signing;

import dev.modelfleet.signing.KeyAlgorithm;
import dev.modelfleet.signing.Signer;
import dev.modelfleet.signing.SigningKey;
import dev.modelfleet.signing.VerificationKey;
import dev.modelfleet.signing.json.JsonObject;
import dev.modelfleet.signing.metadata.Directive;
import dev.modelfleet.signing.metadata.MetaFile;
import dev.modelfleet.signing.metadata.MetadataSigner;
import dev.modelfleet.signing.metadata.Role;
import dev.modelfleet.signing.metadata.RoleKeys;
import dev.modelfleet.signing.metadata.RootMetadata;
import dev.modelfleet.signing.metadata.SnapshotMetadata;
import dev.modelfleet.signing.metadata.TargetEntry;
import dev.modelfleet.signing.metadata.TargetInfo;
import dev.modelfleet.signing.metadata.TargetsMetadata;
import dev.modelfleet.signing.metadata.TimestampMetadata;
import dev.modelfleet.signing.metadata.TrustedMetadata;
import dev.modelfleet.signing.metadata.VersionFloor;
import dev.modelfleet.signing.oms.ModelSigner;
import dev.modelfleet.signing.oms.ModelVerifier;
import dev.modelfleet.signing.oms.OmsBundle;
import dev.modelfleet.signing.oms.Serialization;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * Times OMS sign and verify of one large file (files and shards serialization) next to {@code
 * openssl dgst -sha256} and {@code sha256sum} on the same file in the same run, then metadata
 * verification per role. Prints Markdown tables. Usage: {@code SigningBench FILE [RUNS]}.
 */
public final class SigningBench {
  private static final double GIB = 1024.0 * 1024 * 1024;
  private static final java.lang.management.ThreadMXBean CPU =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private SigningBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: SigningBench FILE [RUNS]");
      System.exit(2);
    }
    Path file = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    PrintStream out = System.out;
    long size = Files.size(file);
    int cores = Runtime.getRuntime().availableProcessors();
    out.printf(
        Locale.ROOT,
        "File: %s (%.2f GiB), %d runs each, median reported; %d cores, Java %s%n%n",
        file.getFileName(),
        size / GIB,
        runs,
        cores,
        System.getProperty("java.version"));

    if (runs == 0) {
      metadata(out);
      return;
    }
    SigningKey key = SigningKey.generate(KeyAlgorithm.ECDSA_P256, new SecureRandom());
    Signer signer = Signer.of(key);
    ModelVerifier verifier = ModelVerifier.forKeys(List.of(key.verificationKey())).build();
    Map<String, Timing> seconds = new LinkedHashMap<>();
    for (Serialization s :
        List.of(Serialization.shards(Serialization.DEFAULT_SHARD_SIZE), Serialization.files())) {
      ModelSigner ms = ModelSigner.builder(signer).serialization(s).build();
      OmsBundle[] bundle = new OmsBundle[1];
      String label =
          s.method().id() + (s.method() == Serialization.Method.SHARDS ? " of 256 MiB" : "");
      seconds.put("modelfleet sign, " + label, median(runs, () -> bundle[0] = ms.sign(file)));
      seconds.put(
          "modelfleet verify, " + label,
          median(runs, () -> verifier.verify(file, bundle[0], null)));
    }
    seconds.put(
        "openssl dgst -sha256",
        median(runs, () -> exec("openssl", "dgst", "-sha256", file.toString())));
    seconds.put("sha256sum (coreutils)", median(runs, () -> exec("sha256sum", file.toString())));

    out.println("| operation | wall s | GiB/s | CPU s | GiB per CPU-second |");
    out.println("|---|---:|---:|---:|---:|");
    for (Map.Entry<String, Timing> e : seconds.entrySet()) {
      Timing t = e.getValue();
      out.printf(
          Locale.ROOT,
          "| %s | %.2f | %.2f | %.2f | %.2f |%n",
          e.getKey(),
          t.wall(),
          size / GIB / t.wall(),
          t.cpu(),
          size / GIB / t.cpu());
    }
    out.printf(
        Locale.ROOT,
        "%nLoad average after measuring (1, 5, 15 min): %s%n",
        Files.readString(Path.of("/proc/loadavg")).trim());
    out.println();
    metadata(out);
  }

  interface Task {
    void run() throws Exception;
  }

  /** Wall-clock and CPU seconds (this JVM plus waited-for children) of one operation. */
  record Timing(double wall, double cpu) {}

  /** The run with the median wall time; CPU time shows the work even on a busy machine. */
  static Timing median(int runs, Task task) throws Exception {
    Timing[] t = new Timing[runs];
    for (int i = 0; i < runs; i++) {
      double cpu0 = cpuSeconds();
      long start = System.nanoTime();
      task.run();
      t[i] = new Timing((System.nanoTime() - start) / 1e9, cpuSeconds() - cpu0);
    }
    Arrays.sort(t, java.util.Comparator.comparingDouble(Timing::wall));
    return t[runs / 2];
  }

  /** utime+stime+cutime+cstime of this process from /proc/self/stat (Linux, 100 ticks/s). */
  static double cpuSeconds() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    // Fields after "(comm) ": index 11..14 are utime, stime, cutime, cstime.
    long ticks = 0;
    for (int i = 11; i <= 14; i++) {
      ticks += Long.parseLong(f[i]);
    }
    return ticks / 100.0;
  }

  static void exec(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
    if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed");
    }
  }

  /** Per-role verification time with Ed25519 keys, for targets of 20 and of 200 entries. */
  static void metadata(PrintStream out) throws Exception {
    int n = 3000;
    Result small = measure(20, n);
    Result large = measure(200, n);
    String[] names = {"root (load, 1 signature)", "timestamp", "snapshot", "targets", "directive"};
    out.println(
        "| metadata verification (Ed25519, 1 signature) | bytes | CPU µs per role (mean of "
            + n
            + ") |");
    out.println("|---|---:|---:|");
    for (int i = 0; i < names.length; i++) {
      String name = i == 3 ? "targets, 20 entries" : names[i];
      out.printf(Locale.ROOT, "| %s | %d | %.0f |%n", name, small.bytes[i], small.micros[i]);
    }
    out.printf(
        Locale.ROOT, "| targets, 200 entries | %d | %.0f |%n", large.bytes[3], large.micros[3]);
  }

  /** Sizes and mean verification times of the five documents, in role order. */
  static final class Result {
    final int[] bytes;
    final double[] micros;

    Result(int[] bytes, double[] micros) {
      this.bytes = bytes;
      this.micros = micros;
    }
  }

  static Result measure(int entries, int n) throws Exception {
    Instant now = Instant.parse("2026-06-01T00:00:00Z");
    Clock clock = Clock.fixed(now, ZoneOffset.UTC);
    Instant far = now.plus(Duration.ofDays(365));
    SecureRandom random = new SecureRandom();
    Map<Role, SigningKey> keys = new EnumMap<>(Role.class);
    Map<String, VerificationKey> all = new TreeMap<>();
    Map<Role, RoleKeys> roles = new EnumMap<>(Role.class);
    for (Role r : Role.values()) {
      SigningKey k = SigningKey.generate(KeyAlgorithm.ED25519, random);
      keys.put(r, k);
      all.put(k.verificationKey().keyId(), k.verificationKey());
      roles.put(r, new RoleKeys(List.of(k.verificationKey().keyId()), 1));
    }
    byte[] root = sign(new RootMetadata(1, far, all, roles, Map.of()), key(keys, Role.ROOT));
    Map<String, TargetEntry> targets = new TreeMap<>();
    for (int i = 0; i < entries; i++) {
      String name = "model-" + i + "/1/q4_k_m.gguf";
      targets.put(
          name,
          new TargetEntry(
              name,
              4L << 30,
              "ab".repeat(32),
              new TargetInfo(
                  "model-" + i,
                  1,
                  "q4_k_m",
                  "acme",
                  "cd".repeat(32),
                  JsonObject.builder().put("min_ram_mb", 6000).build(),
                  JsonObject.builder().put("golden_prompts", 8).build())));
    }
    byte[] tg = sign(new TargetsMetadata(1, far, targets), key(keys, Role.TARGETS));
    byte[] sn = sign(new SnapshotMetadata(1, far, MetaFile.of(1, tg)), key(keys, Role.SNAPSHOT));
    byte[] ts = sign(new TimestampMetadata(1, far, MetaFile.of(1, sn)), key(keys, Role.TIMESTAMP));
    byte[] dir =
        sign(
            new Directive("device-1", "model-7/1/q4_k_m.gguf", "r1", "nonce", now, far),
            key(keys, Role.DIRECTIVE));
    double[] us = new double[5];
    for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT
      Arrays.fill(us, 0);
      for (int i = 0; i < n; i++) {
        // Thread CPU time, not wall time: the figure stays meaningful on a busy machine.
        long t0 = CPU.getCurrentThreadCpuTime();
        TrustedMetadata t = TrustedMetadata.load(root, VersionFloor.NONE, clock);
        long t1 = CPU.getCurrentThreadCpuTime();
        t.updateTimestamp(ts);
        long t2 = CPU.getCurrentThreadCpuTime();
        t.updateSnapshot(sn);
        long t3 = CPU.getCurrentThreadCpuTime();
        t.updateTargets(tg);
        long t4 = CPU.getCurrentThreadCpuTime();
        t.verifyDirective(dir, "device-1", "nonce");
        long t5 = CPU.getCurrentThreadCpuTime();
        us[0] += (t1 - t0) / 1e3;
        us[1] += (t2 - t1) / 1e3;
        us[2] += (t3 - t2) / 1e3;
        us[3] += (t4 - t3) / 1e3;
        us[4] += (t5 - t4) / 1e3;
      }
    }
    for (int i = 0; i < us.length; i++) {
      us[i] /= n;
    }
    return new Result(new int[] {root.length, ts.length, sn.length, tg.length, dir.length}, us);
  }

  static SigningKey key(Map<Role, SigningKey> keys, Role role) {
    return java.util.Objects.requireNonNull(keys.get(role));
  }

  static byte[] sign(dev.modelfleet.signing.metadata.Metadata m, SigningKey key) throws Exception {
    return MetadataSigner.sign(m, List.of(Signer.of(key)));
  }
}
