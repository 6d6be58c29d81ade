package dev.modelfleet.gguf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The parsed header of a GGUF file: version, metadata, tensor infos and the layout of the data
 * section. Holds no tensor data. Immutable.
 *
 * @param version the GGUF version (2 or 3)
 * @param metadata the metadata keys and values in file order
 * @param tensors the tensor infos in file order
 * @param alignment the data alignment ({@code general.alignment}, default 32)
 * @param headerSize the bytes from the start of the file to the end of the last tensor info
 * @param dataOffset where the data section starts: {@code headerSize} rounded up to the alignment
 * @param fileSize the file's size in bytes
 */
public record GgufFile(
    int version,
    GgufMetadata metadata,
    List<GgufTensorInfo> tensors,
    int alignment,
    long headerSize,
    long dataOffset,
    long fileSize) {

  public GgufFile {
    tensors = List.copyOf(tensors);
  }

  /** The tensor called {@code name}, or empty. */
  public Optional<GgufTensorInfo> tensor(String name) {
    for (GgufTensorInfo t : tensors) {
      if (t.name().equals(name)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }

  /** Tensors by name, in file order. */
  public Map<String, GgufTensorInfo> tensorsByName() {
    Map<String, GgufTensorInfo> map = new LinkedHashMap<>();
    for (GgufTensorInfo t : tensors) {
      map.put(t.name(), t);
    }
    return Collections.unmodifiableMap(map);
  }

  /** {@code general.architecture}, if present. */
  public Optional<String> architecture() {
    return metadata.architecture();
  }

  /** The distinct tensor types, sorted by name. */
  public SortedSet<String> tensorTypeNames() {
    SortedSet<String> names = new TreeSet<>();
    for (GgufTensorInfo t : tensors) {
      names.add(t.type().name());
    }
    return Collections.unmodifiableSortedSet(names);
  }

  /** The total number of tensor elements (parameters). */
  public long parameterCount() {
    long n = 0;
    for (GgufTensorInfo t : tensors) {
      n += t.elementCount();
    }
    return n;
  }

  /**
   * The tensor type holding the most bytes of data (the model's dominant quantization), or empty
   * when there are no tensors. Ties go to the type with the lower id.
   */
  public Optional<GgmlType> dominantType() {
    long[] bytes = new long[64];
    for (GgufTensorInfo t : tensors) {
      bytes[t.type().id()] += t.byteSize();
    }
    GgmlType best = null;
    for (GgmlType type : GgmlType.values()) {
      if (bytes[type.id()] > 0 && (best == null || bytes[type.id()] > bytes[best.id()])) {
        best = type;
      }
    }
    return Optional.ofNullable(best);
  }
}
