package dev.modelfleet.gguf;

import java.util.Optional;

/** The types of GGUF metadata values, with their ids in the file. */
public enum GgufValueType {
  UINT8(0, 1),
  INT8(1, 1),
  UINT16(2, 2),
  INT16(3, 2),
  UINT32(4, 4),
  INT32(5, 4),
  FLOAT32(6, 4),
  BOOL(7, 1),
  /** A length-prefixed (uint64) UTF-8 string. */
  STRING(8, 8),
  /** An element type (uint32), a count (uint64), then the elements. */
  ARRAY(9, 12),
  UINT64(10, 8),
  INT64(11, 8),
  FLOAT64(12, 8);

  private final int id;
  private final int minSize;

  GgufValueType(int id, int minSize) {
    this.id = id;
    this.minSize = minSize;
  }

  /** The type's id in the file. */
  public int id() {
    return id;
  }

  /** The fewest bytes one value of this type takes in the file (its exact size if fixed). */
  public int minSize() {
    return minSize;
  }

  /** Whether values are integers (of any width or signedness). */
  public boolean isInteger() {
    return this == UINT8
        || this == INT8
        || this == UINT16
        || this == INT16
        || this == UINT32
        || this == INT32
        || this == UINT64
        || this == INT64;
  }

  /** Whether values are floating point numbers. */
  public boolean isFloat() {
    return this == FLOAT32 || this == FLOAT64;
  }

  /** The type with this id, or empty. */
  public static Optional<GgufValueType> byId(long id) {
    for (GgufValueType t : values()) {
      if (t.id == id) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
