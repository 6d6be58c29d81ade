package dev.modelfleet.gguf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One GGUF metadata value: a number, a bool, a string or an array (possibly of arrays). Immutable.
 * Values keep their exact type and bytes (strings as the raw bytes in the file, floats as their
 * bits), so writing a value back reproduces the file's bytes.
 *
 * <p>Arrays of fixed-size elements are held as their raw little-endian bytes, so an array costs no
 * more memory than it takes in the file.
 */
public final class GgufValue {
  private static final int MAX_PREVIEW = 8;

  private final GgufValueType type;
  private final long bits;
  private final byte @Nullable [] bytes;
  private final @Nullable GgufValueType elementType;
  private final int count;
  private final GgufValue @Nullable [] items;

  private GgufValue(
      GgufValueType type,
      long bits,
      byte @Nullable [] bytes,
      @Nullable GgufValueType elementType,
      int count,
      GgufValue @Nullable [] items) {
    this.type = type;
    this.bits = bits;
    this.bytes = bytes;
    this.elementType = elementType;
    this.count = count;
    this.items = items;
  }

  // ---- factories -------------------------------------------------------------------------------

  /**
   * An integer value of the given integer type.
   *
   * @throws IllegalArgumentException if {@code type} is not an integer type or {@code value} does
   *     not fit in it (for {@code UINT64} every {@code long} is accepted and read as unsigned)
   */
  public static GgufValue ofInteger(GgufValueType type, long value) {
    if (!type.isInteger()) {
      throw new IllegalArgumentException(type + " is not an integer type");
    }
    long min;
    long max;
    switch (type) {
      case UINT8 -> {
        min = 0;
        max = 0xFF;
      }
      case INT8 -> {
        min = Byte.MIN_VALUE;
        max = Byte.MAX_VALUE;
      }
      case UINT16 -> {
        min = 0;
        max = 0xFFFF;
      }
      case INT16 -> {
        min = Short.MIN_VALUE;
        max = Short.MAX_VALUE;
      }
      case UINT32 -> {
        min = 0;
        max = 0xFFFF_FFFFL;
      }
      case INT32 -> {
        min = Integer.MIN_VALUE;
        max = Integer.MAX_VALUE;
      }
      default -> {
        min = Long.MIN_VALUE;
        max = Long.MAX_VALUE;
      }
    }
    if (value < min || value > max) {
      throw new IllegalArgumentException(value + " does not fit in " + type);
    }
    return new GgufValue(type, value, null, null, 0, null);
  }

  /** A {@code UINT32} value. */
  public static GgufValue uint32(long value) {
    return ofInteger(GgufValueType.UINT32, value);
  }

  /** An {@code INT32} value. */
  public static GgufValue int32(int value) {
    return ofInteger(GgufValueType.INT32, value);
  }

  /** A {@code UINT64} value ({@code value} is read as unsigned). */
  public static GgufValue uint64(long value) {
    return ofInteger(GgufValueType.UINT64, value);
  }

  /** An {@code INT64} value. */
  public static GgufValue int64(long value) {
    return ofInteger(GgufValueType.INT64, value);
  }

  /** A {@code FLOAT32} value. */
  public static GgufValue float32(float value) {
    return new GgufValue(
        GgufValueType.FLOAT32, Float.floatToRawIntBits(value), null, null, 0, null);
  }

  /** A {@code FLOAT64} value. */
  public static GgufValue float64(double value) {
    return new GgufValue(
        GgufValueType.FLOAT64, Double.doubleToRawLongBits(value), null, null, 0, null);
  }

  /** A {@code BOOL} value. */
  public static GgufValue bool(boolean value) {
    return new GgufValue(GgufValueType.BOOL, value ? 1 : 0, null, null, 0, null);
  }

  /** A {@code STRING} value, UTF-8 encoded. */
  public static GgufValue string(String value) {
    return new GgufValue(
        GgufValueType.STRING, 0, value.getBytes(StandardCharsets.UTF_8), null, 0, null);
  }

  /** A {@code STRING} value with exactly these bytes (which should, but need not, be UTF-8). */
  public static GgufValue stringBytes(byte[] utf8) {
    return new GgufValue(GgufValueType.STRING, 0, utf8.clone(), null, 0, null);
  }

  /**
   * An array of values that all have type {@code elementType}.
   *
   * @throws IllegalArgumentException if an element has another type
   */
  public static GgufValue array(GgufValueType elementType, List<GgufValue> elements) {
    for (GgufValue e : elements) {
      if (e.type != elementType) {
        throw new IllegalArgumentException(
            "array of " + elementType + " cannot hold a " + e.type + " element");
      }
    }
    if (elementType == GgufValueType.STRING || elementType == GgufValueType.ARRAY) {
      return new GgufValue(
          GgufValueType.ARRAY,
          0,
          null,
          elementType,
          elements.size(),
          elements.toArray(new GgufValue[0]));
    }
    byte[] raw = new byte[Math.multiplyExact(elements.size(), elementType.minSize())];
    ByteBuffer b = leBuffer(raw);
    for (GgufValue e : elements) {
      putScalar(b, elementType, e.bits);
    }
    return new GgufValue(GgufValueType.ARRAY, 0, raw, elementType, elements.size(), null);
  }

  /** An array of strings. */
  public static GgufValue stringArray(List<String> strings) {
    GgufValue[] items = new GgufValue[strings.size()];
    for (int i = 0; i < items.length; i++) {
      items[i] = string(strings.get(i));
    }
    return new GgufValue(GgufValueType.ARRAY, 0, null, GgufValueType.STRING, items.length, items);
  }

  /** An array of {@code FLOAT32}. */
  public static GgufValue float32Array(float[] values) {
    byte[] raw = new byte[Math.multiplyExact(values.length, 4)];
    ByteBuffer b = leBuffer(raw);
    for (float v : values) {
      b.putFloat(v);
    }
    return new GgufValue(GgufValueType.ARRAY, 0, raw, GgufValueType.FLOAT32, values.length, null);
  }

  /** An array of {@code INT32}. */
  public static GgufValue int32Array(int[] values) {
    byte[] raw = new byte[Math.multiplyExact(values.length, 4)];
    ByteBuffer b = leBuffer(raw);
    for (int v : values) {
      b.putInt(v);
    }
    return new GgufValue(GgufValueType.ARRAY, 0, raw, GgufValueType.INT32, values.length, null);
  }

  /** Decoded from the file: a scalar of a fixed-size type from its raw bits. */
  static GgufValue scalarFromBits(GgufValueType type, long rawBits) {
    return new GgufValue(type, rawBits, null, null, 0, null);
  }

  /** Decoded from the file: the bytes are owned by the new value. */
  static GgufValue stringOwning(byte[] bytes) {
    return new GgufValue(GgufValueType.STRING, 0, bytes, null, 0, null);
  }

  /** Decoded from the file: fixed-size elements as raw little-endian bytes (owned). */
  static GgufValue rawArray(GgufValueType elementType, int count, byte[] raw) {
    return new GgufValue(GgufValueType.ARRAY, 0, raw, elementType, count, null);
  }

  /** Decoded from the file: string or array elements (owned). */
  static GgufValue itemArray(GgufValueType elementType, GgufValue[] items) {
    return new GgufValue(GgufValueType.ARRAY, 0, null, elementType, items.length, items);
  }

  // ---- accessors -------------------------------------------------------------------------------

  /** This value's type. */
  public GgufValueType type() {
    return type;
  }

  /** For an array, the type of its elements; otherwise empty. */
  public Optional<GgufValueType> elementType() {
    return Optional.ofNullable(elementType);
  }

  /** Whether this is an integer of any width. */
  public boolean isInteger() {
    return type.isInteger();
  }

  /**
   * The integer value ({@code UINT64} values above {@link Long#MAX_VALUE} come back negative).
   *
   * @throws IllegalStateException if this is not an integer
   */
  public long asLong() {
    if (!type.isInteger()) {
      throw new IllegalStateException("a " + type + " value is not an integer");
    }
    return bits;
  }

  /**
   * The numeric value as a double (integers converted, {@code UINT64} read as unsigned).
   *
   * @throws IllegalStateException if this is not a number
   */
  public double asDouble() {
    if (type == GgufValueType.FLOAT32) {
      return Float.intBitsToFloat((int) bits);
    } else if (type == GgufValueType.FLOAT64) {
      return Double.longBitsToDouble(bits);
    } else if (type == GgufValueType.UINT64 && bits < 0) {
      return Double.parseDouble(Long.toUnsignedString(bits));
    } else if (type.isInteger()) {
      return bits;
    }
    throw new IllegalStateException("a " + type + " value is not a number");
  }

  /**
   * The boolean value.
   *
   * @throws IllegalStateException if this is not a {@code BOOL}
   */
  public boolean asBoolean() {
    if (type != GgufValueType.BOOL) {
      throw new IllegalStateException("a " + type + " value is not a bool");
    }
    return bits != 0;
  }

  /**
   * The string, decoded as UTF-8 (malformed sequences become U+FFFD).
   *
   * @throws IllegalStateException if this is not a {@code STRING}
   */
  public String asString() {
    return new String(requireBytes(GgufValueType.STRING), StandardCharsets.UTF_8);
  }

  /**
   * The string's bytes as stored.
   *
   * @throws IllegalStateException if this is not a {@code STRING}
   */
  public byte[] stringBytes() {
    return requireBytes(GgufValueType.STRING).clone();
  }

  /**
   * The number of elements of an array.
   *
   * @throws IllegalStateException if this is not an array
   */
  public int size() {
    requireArray();
    return count;
  }

  /**
   * Element {@code index} of an array.
   *
   * @throws IllegalStateException if this is not an array
   * @throws IndexOutOfBoundsException if {@code index} is out of range
   */
  public GgufValue get(int index) {
    GgufValueType et = requireArray();
    Objects.checkIndex(index, count);
    if (items != null) {
      return items[index];
    }
    byte[] raw = Objects.requireNonNull(bytes);
    ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    int size = et.minSize();
    return scalarFromBits(et, readScalar(b, et, index * size));
  }

  /**
   * The elements of an array.
   *
   * @throws IllegalStateException if this is not an array
   */
  public List<GgufValue> asList() {
    requireArray();
    List<GgufValue> list = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      list.add(get(i));
    }
    return Collections.unmodifiableList(list);
  }

  /**
   * The elements of an array of strings.
   *
   * @throws IllegalStateException if this is not an array of strings
   */
  public List<String> asStringList() {
    if (requireArray() != GgufValueType.STRING) {
      throw new IllegalStateException("an array of " + elementType + " is not an array of STRING");
    }
    List<String> list = new ArrayList<>(count);
    for (GgufValue v : Objects.requireNonNull(items)) {
      list.add(v.asString());
    }
    return Collections.unmodifiableList(list);
  }

  /** Bytes this value takes in a GGUF file (without its type id). */
  public long encodedSize() {
    if (type == GgufValueType.STRING) {
      return 8L + Objects.requireNonNull(bytes).length;
    } else if (type != GgufValueType.ARRAY) {
      return type.minSize();
    } else if (items == null) {
      return 12L + Objects.requireNonNull(bytes).length;
    }
    long n = 12;
    for (GgufValue v : items) {
      n += v.encodedSize();
    }
    return n;
  }

  /** Appends this value (without its type id) to {@code out} in GGUF's little-endian layout. */
  void encode(ByteSink out) {
    switch (type) {
      case STRING -> {
        byte[] b = Objects.requireNonNull(bytes);
        out.putLong(b.length);
        out.put(b);
      }
      case ARRAY -> {
        out.putInt(Objects.requireNonNull(elementType).id());
        out.putLong(count);
        if (items == null) {
          out.put(Objects.requireNonNull(bytes));
        } else {
          for (GgufValue v : items) {
            v.encode(out);
          }
        }
      }
      default -> {
        byte[] raw = new byte[type.minSize()];
        putScalar(leBuffer(raw), type, bits);
        out.put(raw);
      }
    }
  }

  private byte[] requireBytes(GgufValueType expected) {
    if (type != expected) {
      throw new IllegalStateException("a " + type + " value is not a " + expected);
    }
    return Objects.requireNonNull(bytes);
  }

  private GgufValueType requireArray() {
    if (elementType == null) {
      throw new IllegalStateException("a " + type + " value is not an array");
    }
    return elementType;
  }

  private static ByteBuffer leBuffer(byte[] backing) {
    return ByteBuffer.wrap(backing).order(ByteOrder.LITTLE_ENDIAN);
  }

  static void putScalar(ByteBuffer b, GgufValueType t, long bits) {
    switch (t) {
      case UINT8, INT8, BOOL -> b.put((byte) bits);
      case UINT16, INT16 -> b.putShort((short) bits);
      case UINT32, INT32, FLOAT32 -> b.putInt((int) bits);
      default -> b.putLong(bits);
    }
  }

  /** Reads a scalar's raw bits: integers sign- or zero-extended as their type says. */
  static long readScalar(ByteBuffer b, GgufValueType t, int at) {
    return switch (t) {
      case UINT8 -> b.get(at) & 0xFFL;
      case INT8 -> b.get(at);
      case BOOL -> b.get(at);
      case UINT16 -> b.getShort(at) & 0xFFFFL;
      case INT16 -> b.getShort(at);
      case UINT32 -> b.getInt(at) & 0xFFFF_FFFFL;
      case INT32, FLOAT32 -> b.getInt(at);
      default -> b.getLong(at);
    };
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof GgufValue v)) {
      return false;
    }
    return type == v.type
        && bits == v.bits
        && elementType == v.elementType
        && count == v.count
        && Arrays.equals(bytes, v.bytes)
        && Arrays.equals(items, v.items);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, bits, elementType, count, Arrays.hashCode(bytes))
        + 31 * Arrays.hashCode(items);
  }

  /** A short, human-readable rendering; long arrays are summarized. */
  @Override
  public String toString() {
    return switch (type) {
      case STRING -> asString();
      case BOOL -> Boolean.toString(bits != 0);
      case FLOAT32 -> Float.toString(Float.intBitsToFloat((int) bits));
      case FLOAT64 -> Double.toString(asDouble());
      case UINT64 -> Long.toUnsignedString(bits);
      case ARRAY -> arrayPreview();
      default -> Long.toString(bits);
    };
  }

  private String arrayPreview() {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < Math.min(count, MAX_PREVIEW); i++) {
      sb.append(i == 0 ? "" : ", ").append(get(i));
    }
    if (count > MAX_PREVIEW) {
      sb.append(", ... (").append(count).append(' ').append(elementType).append(")");
    }
    return sb.append(']').toString();
  }
}
