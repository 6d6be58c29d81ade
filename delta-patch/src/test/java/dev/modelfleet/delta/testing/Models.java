package dev.modelfleet.delta.testing;

import dev.modelfleet.gguf.GgmlType;
import dev.modelfleet.gguf.GgufFile;
import dev.modelfleet.gguf.GgufTensorInfo;
import dev.modelfleet.gguf.GgufTensorSpec;
import dev.modelfleet.gguf.generate.DeriveSpec;
import dev.modelfleet.gguf.generate.ModelDeriver;
import dev.modelfleet.gguf.generate.ModelGenerator;
import dev.modelfleet.gguf.generate.ModelSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Model pairs from the gguf generator, as the benchmark makes them (but small). */
public final class Models {
  private Models() {}

  public static GgufFile generate(Path out, long bytes, GgmlType quant, long seed)
      throws IOException {
    return ModelGenerator.generate(ModelSpec.forSize(bytes, quant, seed), out);
  }

  public static GgufFile derive(Path from, Path to, DeriveSpec spec) throws IOException {
    return ModelDeriver.derive(from, to, spec);
  }

  /** Replaces every {@code every}-th tensor by one with the same name and spec but new weights. */
  public static DeriveSpec replaceTensors(GgufFile model, int every, long seed) {
    DeriveSpec.Builder b = DeriveSpec.builder().seed(seed);
    List<GgufTensorInfo> tensors = model.tensors();
    for (int i = 0; i < tensors.size(); i += every) {
      GgufTensorInfo t = tensors.get(i);
      b.removeTensor(t.name());
      b.addTensor(new GgufTensorSpec(t.name(), t.type(), t.dims()));
    }
    return b.build();
  }
}
