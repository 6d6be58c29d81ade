package dev.modelfleet.delta;

import com.github.luben.zstd.Zstd;
import dev.modelfleet.delta.apply.PatchApplier;
import dev.modelfleet.delta.create.EncodeSummary;
import dev.modelfleet.delta.create.PatchEncoder;
import dev.modelfleet.delta.testing.Models;
import dev.modelfleet.gguf.GgmlType;
import dev.modelfleet.gguf.GgufFile;
import dev.modelfleet.gguf.GgufValue;
import dev.modelfleet.gguf.generate.DeriveSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GgufExperimentTest {
  @TempDir Path dir;

  @Test
  void experiment() throws Exception {
    long size = Long.getLong("exp.size", 32L << 20);
    for (GgmlType q :
        new GgmlType[] {GgmlType.Q8_0, GgmlType.Q4_0, GgmlType.F16, GgmlType.BF16, GgmlType.F32}) {
      Path a = dir.resolve("a-" + q);
      GgufFile f = Models.generate(a, size, q, 1);
      run(
          q + " meta",
          a,
          DeriveSpec.builder().set("general.name", GgufValue.string("renamed model v2")).build());
      run(q + " ft0.01", a, DeriveSpec.builder().finetune(0.01).seed(7).build());
      run(q + " ft0.05", a, DeriveSpec.builder().finetune(0.05).seed(7).build());
      run(q + " repl25", a, Models.replaceTensors(f, 4, 9));
      Path u = dir.resolve("u-" + q);
      Models.generate(u, size, q, 2);
      run(q + " unrelated", a, u);
    }
  }

  void run(String name, Path a, DeriveSpec spec) throws Exception {
    Path b = dir.resolve("b");
    Models.derive(a, b, spec);
    run(name, a, b);
  }

  void run(String name, Path a, Path b) throws Exception {
    Path p = dir.resolve("p");
    long t0 = System.nanoTime();
    EncodeSummary s = PatchEncoder.create().encode(a, b, p);
    long t1 = System.nanoTime();
    PatchApplier.create().apply(a, p, dir.resolve("out"));
    long t2 = System.nanoTime();
    byte[] target = Files.readAllBytes(b);
    long z = Zstd.compress(target, 3).length;
    if (!Arrays.equals(target, Files.readAllBytes(dir.resolve("out")))) {
      throw new AssertionError("mismatch");
    }
    System.out.printf(
        "%-18s %s target %d patch %d (%.2f%%) zstd3 %.2f%% enc %.0f MB/s apply %.0f MB/s ops %s%n",
        name,
        s.strategy(),
        s.targetSize(),
        s.patchSize(),
        100.0 * s.ratio(),
        100.0 * z / target.length,
        s.targetSize() / ((t1 - t0) / 1e3),
        s.targetSize() / ((t2 - t1) / 1e3),
        s.operations());
  }
}
