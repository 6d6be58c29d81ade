package dev.modelfleet.bench.delta;

import dev.modelfleet.gguf.GgmlType;
import dev.modelfleet.gguf.GgufFile;
import dev.modelfleet.gguf.GgufReader;
import dev.modelfleet.gguf.GgufTensorInfo;
import dev.modelfleet.gguf.GgufTensorSpec;
import dev.modelfleet.gguf.GgufValue;
import dev.modelfleet.gguf.generate.DeriveSpec;
import dev.modelfleet.gguf.generate.ModelDeriver;
import dev.modelfleet.gguf.generate.ModelGenerator;
import dev.modelfleet.gguf.generate.ModelSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A model pair: the source is the base model of a quant type, the target one of the kinds
 * of update. Files are generated once and reused (they are deterministic).
 */
record Scenario(String id, String label, GgmlType quant, Path source, Path target) {

  static final List<String> IDS = List.of("meta", "repl25", "ft01", "ft05", "unrelated");

  static Scenario make(String id, GgmlType quant, long size, Path work) throws IOException {
    Path base = work.resolve(quant + "-" + size + "-base.gguf");
    if (!Files.exists(base)) {
      ModelGenerator.generate(ModelSpec.forSize(size, quant, 1), base);
    }
    Path target = work.resolve(quant + "-" + size + "-" + id + ".gguf");
    String label;
    switch (id) {
      case "meta" -> {
        label = "metadata edit";
        if (!Files.exists(target)) {
          ModelDeriver.derive(
              base,
              target,
              DeriveSpec.builder()
                  .set("general.name", GgufValue.string("modelfleet bench model v2"))
                  .set(
                      "tokenizer.chat_template",
                      GgufValue.string(ModelSpec.DEFAULT_CHAT_TEMPLATE + "{# v2 #}"))
                  .build());
        }
      }
      case "repl25" -> {
        label = "25% of tensors replaced";
        if (!Files.exists(target)) {
          ModelDeriver.derive(base, target, replaceEveryFourth(GgufReader.readHeader(base)));
        }
      }
      case "ft01", "ft05" -> {
        double r = id.equals("ft01") ? 0.01 : 0.05;
        label = "fine-tune r=" + r;
        if (!Files.exists(target)) {
          ModelDeriver.derive(base, target, DeriveSpec.builder().finetune(r).seed(7).build());
        }
      }
      case "unrelated" -> {
        label = "unrelated model";
        if (!Files.exists(target)) {
          ModelGenerator.generate(ModelSpec.forSize(size, quant, 2), target);
        }
      }
      default -> throw new IllegalArgumentException("unknown scenario " + id + "; known: " + IDS);
    }
    return new Scenario(id, quant + " " + label, quant, base, target);
  }

  /** Every fourth tensor (by file order) gets new weights under the same name, type and shape. */
  static DeriveSpec replaceEveryFourth(GgufFile model) {
    DeriveSpec.Builder b = DeriveSpec.builder().seed(9);
    List<GgufTensorInfo> tensors = model.tensors();
    for (int i = 0; i < tensors.size(); i += 4) {
      GgufTensorInfo t = tensors.get(i);
      b.removeTensor(t.name());
      b.addTensor(new GgufTensorSpec(t.name(), t.type(), t.dims()));
    }
    return b.build();
  }
}
