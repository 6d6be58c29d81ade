package dev.modelfleet.gguf.generate;

import dev.modelfleet.gguf.GgufTensorSpec;
import dev.modelfleet.gguf.GgufValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How {@link ModelDeriver} makes a new version of a model. Any combination of: metadata keys set or
 * removed; a fine-tune (every weight, or those of blocks {@code firstLayer..lastLayer}, plus
 * Gaussian noise of relative size {@code finetune}, re-quantized to the tensor's type); tensors
 * removed; tensors added (with generated weights, after the existing ones).
 *
 * @param set metadata keys to set (an existing key keeps its position)
 * @param unset metadata keys to remove
 * @param finetune relative noise size r (0 = none): each weight w of a row becomes w + r·rms·z, rms
 *     being the row's root mean square and z standard normal
 * @param firstLayer first block to fine-tune, or -1 for every tensor
 * @param lastLayer last block to fine-tune (inclusive), or -1 for every tensor
 * @param seed the seed of the noise and of added tensors' weights
 * @param addTensors tensors to append
 * @param removeTensors names of tensors to drop
 */
public record DeriveSpec(
    Map<String, GgufValue> set,
    Set<String> unset,
    double finetune,
    int firstLayer,
    int lastLayer,
    long seed,
    List<GgufTensorSpec> addTensors,
    Set<String> removeTensors) {

  /**
   * @throws IllegalArgumentException if {@code finetune} is negative or not finite, or the layer
   *     range is not -1..-1 or a valid inclusive range
   */
  public DeriveSpec {
    set = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(set));
    unset = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(unset));
    addTensors = List.copyOf(addTensors);
    removeTensors = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(removeTensors));
    if (!(finetune >= 0) || Double.isInfinite(finetune)) {
      throw new IllegalArgumentException(
          "finetune must be a finite number >= 0 but was " + finetune);
    }
    boolean all = firstLayer == -1 && lastLayer == -1;
    if (!all && (firstLayer < 0 || lastLayer < firstLayer)) {
      throw new IllegalArgumentException(
          "layer range must be -1..-1 (all) or 0 <= first <= last but was "
              + firstLayer
              + ".."
              + lastLayer);
    }
  }

  /** A builder for a spec that changes nothing. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether tensor {@code name} gets fine-tune noise. */
  public boolean finetunes(String name) {
    if (finetune == 0) {
      return false;
    }
    if (firstLayer == -1) {
      return true;
    }
    int layer = layerOf(name);
    return layer >= firstLayer && layer <= lastLayer;
  }

  /** The block index of a {@code blk.N.*} tensor, or -1. */
  static int layerOf(String name) {
    if (!name.startsWith("blk.")) {
      return -1;
    }
    int dot = name.indexOf('.', 4);
    try {
      return dot < 0 ? -1 : Integer.parseInt(name.substring(4, dot));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Builds a {@link DeriveSpec}. */
  public static final class Builder {
    private final Map<String, GgufValue> set = new LinkedHashMap<>();
    private final Set<String> unset = new LinkedHashSet<>();
    private double finetune;
    private int firstLayer = -1;
    private int lastLayer = -1;
    private long seed;
    private final List<GgufTensorSpec> add = new ArrayList<>();
    private final Set<String> remove = new LinkedHashSet<>();

    private Builder() {}

    /** Sets metadata key {@code key}. */
    public Builder set(String key, GgufValue value) {
      set.put(key, value);
      unset.remove(key);
      return this;
    }

    /** Removes metadata key {@code key}. */
    public Builder unset(String key) {
      unset.add(key);
      set.remove(key);
      return this;
    }

    /** Fine-tunes every tensor with relative noise {@code r}. */
    public Builder finetune(double r) {
      this.finetune = r;
      return this;
    }

    /** Restricts the fine-tune to blocks {@code first..last} (inclusive). */
    public Builder layers(int first, int last) {
      this.firstLayer = first;
      this.lastLayer = last;
      return this;
    }

    /** The seed of the noise and of added tensors. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** Appends a tensor with generated weights. */
    public Builder addTensor(GgufTensorSpec tensor) {
      add.add(tensor);
      return this;
    }

    /** Drops tensor {@code name}. */
    public Builder removeTensor(String name) {
      remove.add(name);
      return this;
    }

    public DeriveSpec build() {
      return new DeriveSpec(set, unset, finetune, firstLayer, lastLayer, seed, add, remove);
    }
  }
}
