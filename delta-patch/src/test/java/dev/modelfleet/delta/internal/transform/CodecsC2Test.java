package dev.modelfleet.delta.internal.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.internal.bytes.ByteBuilder;
import dev.modelfleet.delta.testing.Blocks;
import dev.modelfleet.gguf.GgmlType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hand-specialized codecs once C2 has compiled them still give the reference's bytes. This
 * class runs in its own Surefire execution with only C2, compiling as soon as a method is hot
 * ({@code -XX:-TieredCompilation -Xbatch}): the other tests mostly run interpreted code, and C2 of
 * JDK 17.0.15 miscompiled one version of the Q5_K applier (ADR 0010).
 */
class CodecsC2Test {
  /** Enough calls over enough blocks that every loop runs compiled in the later rounds. */
  private static final int ROUNDS = 12;

  @ParameterizedTest
  @EnumSource(
      value = Transform.class,
      names = {"Q8_0", "Q4_0", "Q4_K", "Q5_K", "Q6_K"})
  void compiledCodecsMatchTheReference(Transform t) throws PatchException {
    GgmlType type = GgmlType.valueOf(t.name());
    BlockCodec codec = (BlockCodec) t.codec();
    float[] w = Blocks.weights(40, 256 * 1024);
    byte[] old = Blocks.quantize(type, w);
    byte[][] targets = {
      Blocks.quantize(type, Blocks.finetune(w, 0.01, 41)),
      Blocks.quantize(type, Blocks.finetune(w, 0.05, 42)),
      Blocks.quantize(type, Blocks.weights(43, w.length)),
    };
    for (int round = 0; round < ROUNDS; round++) {
      for (int k = 0; k < targets.length; k++) {
        byte[] neu = targets[k];
        ByteBuilder fast = new ByteBuilder(16);
        codec.encode(old, 0, neu, 0, old.length, fast);
        ByteBuilder reference = new ByteBuilder(16);
        codec.encodeGeneric(old, 0, neu, 0, old.length, reference);
        byte[] payload = reference.toByteArray();
        assertThat(fast.toByteArray())
            .as("%s encode, round %d, pair %d", t, round, k)
            .isEqualTo(payload);
        byte[] applied = old.clone();
        codec.apply(applied, 0, applied.length, payload, 0, payload.length);
        assertThat(applied).as("%s apply, round %d, pair %d", t, round, k).isEqualTo(neu);
      }
    }
  }
}
