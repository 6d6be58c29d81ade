package dev.modelfleet.gguf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Parses a GGUF header with positional reads through a small buffer. Every count and length is
 * checked against the bytes left in the file before anything is allocated for it.
 */
final class HeaderDecoder {
  /** name length (8) + n_dims (4) + one dim (8) + type (4) + offset (8). */
  private static final int MIN_TENSOR_INFO = 32;

  /** key length (8) + value type (4) + smallest value (1). */
  private static final int MIN_KV = 13;

  /** Nesting beyond this is no real file and would only exhaust the stack. */
  private static final int MAX_ARRAY_DEPTH = 8;

  /** The largest Java array the decoder will create. */
  private static final long MAX_ARRAY_BYTES = Integer.MAX_VALUE - 16;

  /** Value types by id (ids are 0..12, in declaration order). */
  private static final GgufValueType[] VALUE_TYPES = GgufValueType.values();

  private final FileChannel channel;
  private final long fileSize;
  private final ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
  private long bufStart;
  private long pos;

  HeaderDecoder(FileChannel channel, long fileSize) {
    this.channel = channel;
    this.fileSize = fileSize;
    buf.limit(0);
  }

  GgufFile decode() throws IOException {
    ensure(4, "", "the magic", "");
    int magic = buf.getInt(index());
    if (magic != 0x46554747) {
      throw new GgufFormatException(
          "Not a GGUF file: the magic is 0x"
              + String.format("%08x", Integer.reverseBytes(magic))
              + " instead of 'GGUF'",
          0);
    }
    pos += 4;
    long versionOffset = pos;
    int version = (int) u32("the version", "");
    if (version != 2 && version != 3) {
      int swapped = Integer.reverseBytes(version);
      if (swapped >= 1 && swapped <= 3) {
        throw new GgufFormatException(
            "Big-endian GGUF files are not supported (the version reads "
                + swapped
                + " byte-swapped)",
            versionOffset);
      }
      throw new GgufFormatException(
          "Unsupported GGUF version "
              + Integer.toUnsignedString(version)
              + " (only versions 2 and 3 are supported)",
          versionOffset);
    }
    long tensorCountOffset = pos;
    long tensorCount = u64("the tensor count", "");
    long kvCountOffset = pos;
    long kvCount = u64("the metadata key count", "");
    long left = fileSize - pos;
    if (tensorCount < 0 || tensorCount > left / MIN_TENSOR_INFO) {
      throw new GgufFormatException(
          "Tensor count "
              + Long.toUnsignedString(tensorCount)
              + " is more than the "
              + left
              + " bytes left in the file can hold",
          tensorCountOffset);
    }
    if (kvCount < 0 || kvCount > (left - tensorCount * MIN_TENSOR_INFO) / MIN_KV) {
      throw new GgufFormatException(
          "Metadata key count "
              + Long.toUnsignedString(kvCount)
              + " is more than the "
              + left
              + " bytes left in the file can hold",
          kvCountOffset);
    }

    GgufMetadata.Builder metadata = GgufMetadata.builder();
    int alignment = GgufMetadata.DEFAULT_ALIGNMENT;
    for (long i = 0; i < kvCount; i++) {
      long keyOffset = pos;
      String key = utf8(stringBytes("a metadata key", ""), "Metadata key", keyOffset);
      if (metadata.contains(key)) {
        throw new GgufFormatException("Duplicate metadata key '" + shown(key) + "'", keyOffset);
      }
      long typeOffset = pos;
      GgufValueType type = valueType("the type of metadata key '%s'", key, typeOffset);
      long valueOffset = pos;
      GgufValue value = value(type, 0, key);
      if (key.equals(GgufMetadata.ALIGNMENT_KEY)) {
        alignment = alignment(value, valueOffset);
      }
      metadata.put(key, value);
    }

    List<Pending> pending = new ArrayList<>((int) Math.min(tensorCount, 1 << 16));
    Set<String> names = new HashSet<>();
    for (long i = 0; i < tensorCount; i++) {
      pending.add(tensorInfo(names, alignment));
    }
    long headerSize = pos;
    long dataOffset = align(headerSize, alignment);
    return new GgufFile(
        version,
        metadata.build(),
        layout(pending, dataOffset),
        alignment,
        headerSize,
        dataOffset,
        fileSize);
  }

  private record Pending(
      String name, GgmlType type, List<Long> dims, long relOffset, long size, long offsetField) {}

  private Pending tensorInfo(Set<String> names, int alignment) throws IOException {
    long nameOffset = pos;
    String name = utf8(stringBytes("a tensor name", ""), "Tensor name", nameOffset);
    if (!names.add(name)) {
      throw new GgufFormatException("Duplicate tensor name '" + shown(name) + "'", nameOffset);
    }
    long nDimsOffset = pos;
    long nDims = u32("the dimension count of tensor '%s'", name);
    if (nDims < 1 || nDims > GgufTensorSpec.MAX_DIMS) {
      throw new GgufFormatException(
          "Tensor '"
              + shown(name)
              + "' has "
              + nDims
              + " dimensions; ggml allows 1 to "
              + GgufTensorSpec.MAX_DIMS,
          nDimsOffset);
    }
    List<Long> dims = new ArrayList<>((int) nDims);
    long elements = 1;
    for (int d = 0; d < nDims; d++) {
      long dimOffset = pos;
      long dim = u64("a dimension of tensor '%s'", name);
      if (dim < 1) {
        throw new GgufFormatException(
            "Tensor '" + shown(name) + "' has dimension " + Long.toUnsignedString(dim), dimOffset);
      }
      if (elements > Long.MAX_VALUE / dim) {
        throw new GgufFormatException(
            "Tensor '" + shown(name) + "' has more elements than a 64-bit count can hold",
            dimOffset);
      }
      elements *= dim;
      dims.add(dim);
    }
    long typeOffset = pos;
    long typeId = u32("the type of tensor '%s'", name);
    GgmlType type =
        GgmlType.byId(typeId)
            .orElseThrow(
                () ->
                    new GgufFormatException(
                        "Tensor '" + shown(name) + "' has unknown ggml type id " + typeId,
                        typeOffset));
    if (dims.get(0) % type.blockSize() != 0) {
      throw new GgufFormatException(
          "Tensor '"
              + shown(name)
              + "' has rows of "
              + dims.get(0)
              + " elements, not a multiple of "
              + type
              + "'s block size "
              + type.blockSize(),
          typeOffset);
    }
    long size = (elements / type.blockSize());
    if (size > Long.MAX_VALUE / type.bytesPerBlock()) {
      throw new GgufFormatException("Tensor '" + shown(name) + "' is too large", typeOffset);
    }
    size *= type.bytesPerBlock();
    long offsetField = pos;
    long rel = u64("the data offset of tensor '%s'", name);
    if (rel < 0 || rel % alignment != 0) {
      throw new GgufFormatException(
          "Tensor '"
              + shown(name)
              + "' data offset "
              + Long.toUnsignedString(rel)
              + " is not a multiple of the alignment "
              + alignment,
          offsetField);
    }
    return new Pending(name, type, dims, rel, size, offsetField);
  }

  private List<GgufTensorInfo> layout(List<Pending> pending, long dataOffset)
      throws GgufFormatException {
    List<GgufTensorInfo> tensors = new ArrayList<>(pending.size());
    for (Pending p : pending) {
      long dataLeft = fileSize - dataOffset;
      if (dataLeft < 0 || p.relOffset > dataLeft || p.size > dataLeft - p.relOffset) {
        throw new GgufFormatException(
            "Tensor '"
                + shown(p.name)
                + "' data ("
                + p.size
                + " bytes at data offset "
                + p.relOffset
                + ") runs past the end of the "
                + fileSize
                + "-byte file",
            p.offsetField);
      }
      tensors.add(
          new GgufTensorInfo(
              p.name, p.type, p.dims, p.relOffset, dataOffset + p.relOffset, p.size));
    }
    List<Pending> sorted = new ArrayList<>(pending);
    sorted.sort(Comparator.comparingLong(Pending::relOffset));
    for (int i = 1; i < sorted.size(); i++) {
      Pending prev = sorted.get(i - 1);
      Pending next = sorted.get(i);
      if (next.relOffset < prev.relOffset + prev.size) {
        throw new GgufFormatException(
            "Tensor '"
                + shown(next.name)
                + "' data overlaps the data of tensor '"
                + shown(prev.name)
                + "'",
            next.offsetField);
      }
    }
    return tensors;
  }

  private static int alignment(GgufValue value, long offset) throws GgufFormatException {
    if (value.type() != GgufValueType.UINT32) {
      throw new GgufFormatException(
          GgufMetadata.ALIGNMENT_KEY + " must be a UINT32, not a " + value.type(), offset);
    }
    long a = value.asLong();
    if (a == 0 || (a & (a - 1)) != 0 || a > (1 << 30)) {
      throw new GgufFormatException(
          GgufMetadata.ALIGNMENT_KEY + " is " + a + ", not a power of two", offset);
    }
    return (int) a;
  }

  private GgufValue value(GgufValueType type, int depth, String key) throws IOException {
    if (type == GgufValueType.STRING) {
      return GgufValue.stringOwning(stringBytes("the value of metadata key '%s'", key));
    } else if (type == GgufValueType.ARRAY) {
      return array(depth, key);
    }
    ensure(type.minSize(), "", "the value of metadata key '%s'", key);
    long bits = GgufValue.readScalar(buf, type, index());
    pos += type.minSize();
    return GgufValue.scalarFromBits(type, bits);
  }

  private GgufValue array(int depth, String key) throws IOException {
    long arrayOffset = pos;
    if (depth >= MAX_ARRAY_DEPTH) {
      throw new GgufFormatException(
          "Metadata key '" + shown(key) + "' nests arrays deeper than " + MAX_ARRAY_DEPTH,
          arrayOffset);
    }
    GgufValueType elementType = valueType("the element type of array '%s'", key, arrayOffset);
    long countOffset = pos;
    long count = u64("the length of array '%s'", key);
    long left = fileSize - pos;
    if (count < 0 || count > left / elementType.minSize()) {
      throw new GgufFormatException(
          "Array '"
              + shown(key)
              + "' of "
              + Long.toUnsignedString(count)
              + " "
              + elementType
              + " elements cannot fit in the "
              + left
              + " bytes left in the file",
          countOffset);
    }
    if (elementType == GgufValueType.STRING || elementType == GgufValueType.ARRAY) {
      if (count > MAX_ARRAY_BYTES / 8) {
        throw new GgufFormatException(
            "Array '" + shown(key) + "' of " + count + " elements is too long", countOffset);
      }
      GgufValue[] items = new GgufValue[(int) count];
      for (int i = 0; i < items.length; i++) {
        items[i] = value(elementType, depth + 1, key);
      }
      return GgufValue.itemArray(elementType, items);
    }
    long bytes = count * elementType.minSize();
    if (bytes > MAX_ARRAY_BYTES) {
      throw new GgufFormatException(
          "Array '" + shown(key) + "' of " + bytes + " bytes is too long", countOffset);
    }
    return GgufValue.rawArray(elementType, (int) count, bytes((int) bytes, "array '%s'", key));
  }

  private GgufValueType valueType(String what, String subject, long offset) throws IOException {
    long id = u32(what, subject);
    GgufValueType type = id < VALUE_TYPES.length ? VALUE_TYPES[(int) id] : null;
    if (type == null) {
      throw new GgufFormatException(
          "Unknown metadata value type id " + id + " for " + describe("", what, subject), offset);
    }
    return type;
  }

  private byte[] stringBytes(String what, String subject) throws IOException {
    long lengthOffset = pos;
    ensure(8, "the length of ", what, subject);
    long length = buf.getLong(index());
    pos += 8;
    long left = fileSize - pos;
    if (length < 0 || length > left) {
      throw new GgufFormatException(
          "String length "
              + Long.toUnsignedString(length)
              + " of "
              + describe("", what, subject)
              + " exceeds the "
              + left
              + " bytes left in the file",
          lengthOffset);
    }
    if (length > MAX_ARRAY_BYTES) {
      throw new GgufFormatException(
          "String length " + length + " of " + describe("", what, subject) + " is too long",
          lengthOffset);
    }
    return bytes((int) length, what, subject);
  }

  private static String utf8(byte[] bytes, String what, long offset) throws GgufFormatException {
    try {
      CharBuffer chars =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes));
      return chars.toString();
    } catch (CharacterCodingException e) {
      throw new GgufFormatException(what + " is not valid UTF-8", offset);
    }
  }

  private long u32(String what, String subject) throws IOException {
    ensure(4, "", what, subject);
    long v = buf.getInt(index()) & 0xFFFF_FFFFL;
    pos += 4;
    return v;
  }

  private long u64(String what, String subject) throws IOException {
    ensure(8, "", what, subject);
    long v = buf.getLong(index());
    pos += 8;
    return v;
  }

  private byte[] bytes(int n, String what, String subject) throws IOException {
    if (pos + n > fileSize) {
      throw truncated("", what, subject, n);
    }
    byte[] out = new byte[n];
    int done = 0;
    while (done < n) {
      ensure(Math.min(buf.capacity(), n - done), "", what, subject);
      int chunk = Math.min(n - done, (int) (bufStart + buf.limit() - pos));
      buf.get(index(), out, done, chunk);
      done += chunk;
      pos += chunk;
    }
    return out;
  }

  private int index() {
    return (int) (pos - bufStart);
  }

  /** Makes {@code n} bytes at {@code pos} available in the buffer. */
  /**
   * Makes {@code n} bytes at {@code pos} available in the buffer. What is being read is described
   * by {@code prefix + what} with {@code %s} replaced by {@code subject}, built only for an error:
   * string concatenation per value would dominate parsing a 32,000-token vocabulary.
   */
  private void ensure(int n, String prefix, String what, String subject) throws IOException {
    if (pos + n > fileSize) {
      throw truncated(prefix, what, subject, n);
    }
    if (pos >= bufStart && pos + n <= bufStart + buf.limit()) {
      return;
    }
    buf.clear();
    bufStart = pos;
    int want = (int) Math.min(buf.capacity(), fileSize - pos);
    buf.limit(want);
    while (buf.position() < want) {
      int r = channel.read(buf, bufStart + buf.position());
      if (r < 0) {
        throw new GgufFormatException(
            "The file ended early (it shrank while being read) inside "
                + describe(prefix, what, subject),
            bufStart + buf.position());
      }
    }
    buf.clear().limit(want);
  }

  /** A key or name for a message: hostile files can hold megabyte-long or multi-line ones. */
  static String shown(String s) {
    String flat = s.length() > 80 ? s.substring(0, 77) + "..." : s;
    StringBuilder sb = new StringBuilder(flat.length());
    for (int i = 0; i < flat.length(); i++) {
      char c = flat.charAt(i);
      sb.append(Character.isISOControl(c) ? '?' : c);
    }
    return sb.toString();
  }

  private static String describe(String prefix, String what, String subject) {
    return prefix + what.replace("%s", shown(subject));
  }

  private GgufFormatException truncated(String prefix, String what, String subject, int n) {
    return new GgufFormatException(
        "The file is truncated: "
            + describe(prefix, what, subject)
            + " needs "
            + n
            + " bytes but only "
            + Math.max(0, fileSize - pos)
            + " are left",
        pos);
  }

  static long align(long offset, int alignment) {
    long rem = offset % alignment;
    return rem == 0 ? offset : offset + (alignment - rem);
  }
}
