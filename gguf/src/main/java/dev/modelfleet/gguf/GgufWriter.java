package dev.modelfleet.gguf;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Writes a GGUF file as a stream: the header first, then each tensor's data in the order of the
 * tensor list, each padded with zeros to the alignment (as llama.cpp's own writer lays files out).
 * Memory use is the header's size, whatever the size of the tensor data.
 *
 * <pre>{@code
 * GgufWriter w = GgufWriter.start(out, 3, metadata, specs);
 * for (GgufTensorSpec t : specs) { w.write(bytesOf(t)); }   // any chunking
 * w.finish();
 * }</pre>
 */
public final class GgufWriter {
  private static final byte[] ZEROS = new byte[1 << 12];

  private final OutputStream out;
  private final GgufFile layout;
  private int tensor;
  private long writtenInTensor;
  private boolean finished;

  private GgufWriter(OutputStream out, GgufFile layout) {
    this.out = out;
    this.layout = layout;
  }

  /**
   * Computes the file these arguments would produce (offsets, data offset, file size) without
   * writing anything.
   *
   * @throws IllegalArgumentException if the version is not 2 or 3, {@code general.alignment} is not
   *     a power-of-two {@code UINT32}, or two tensors have the same name
   */
  public static GgufFile plan(int version, GgufMetadata metadata, List<GgufTensorSpec> tensors) {
    return layout(version, metadata, tensors, headerSize(metadata, tensors));
  }

  /**
   * Writes the header (and its padding) to {@code out} and returns a writer for the tensor data.
   * The caller closes {@code out}.
   *
   * @throws IllegalArgumentException as {@link #plan}
   * @throws IOException if writing fails
   */
  public static GgufWriter start(
      OutputStream out, int version, GgufMetadata metadata, List<GgufTensorSpec> tensors)
      throws IOException {
    ByteSink header = encodeHeader(version, metadata, tensors);
    GgufFile layout = layout(version, metadata, tensors, header.size());
    header.padTo(layout.alignment());
    out.write(header.toByteArray());
    GgufWriter w = new GgufWriter(out, layout);
    w.skipEmptyTensors();
    return w;
  }

  /** Writes the header, copied from a parsed file, and returns a writer for its tensors. */
  public static GgufWriter start(OutputStream out, GgufFile like) throws IOException {
    List<GgufTensorSpec> specs = new ArrayList<>();
    for (GgufTensorInfo t : like.tensors()) {
      specs.add(t.spec());
    }
    return start(out, like.version(), like.metadata(), specs);
  }

  /** The file being written: tensor offsets, data offset, final size. */
  public GgufFile layout() {
    return layout;
  }

  /**
   * The tensor whose data the next {@link #write} call continues.
   *
   * @throws IllegalStateException if all tensor data has been written
   */
  public GgufTensorInfo currentTensor() {
    if (tensor >= layout.tensors().size()) {
      throw new IllegalStateException("all tensor data has been written");
    }
    return layout.tensors().get(tensor);
  }

  /** Bytes of the current tensor written so far. */
  public long writtenInCurrentTensor() {
    return writtenInTensor;
  }

  /**
   * Writes tensor data; a chunk may end and start tensors anywhere (padding goes in between).
   *
   * @throws IllegalStateException if this is more data than the tensors hold
   * @throws IOException if writing fails
   */
  public void write(byte[] b, int off, int len) throws IOException {
    Objects.checkFromIndexSize(off, len, b.length);
    while (len > 0) {
      GgufTensorInfo t = currentTensor();
      int n = (int) Math.min(len, t.byteSize() - writtenInTensor);
      out.write(b, off, n);
      off += n;
      len -= n;
      writtenInTensor += n;
      if (writtenInTensor == t.byteSize()) {
        endTensor(t);
      }
    }
  }

  /** Writes all of {@code b} as tensor data. */
  public void write(byte[] b) throws IOException {
    write(b, 0, b.length);
  }

  /** Writes the remaining bytes of {@code src} as tensor data. */
  public void write(ByteBuffer src) throws IOException {
    if (src.hasArray()) {
      int n = src.remaining();
      write(src.array(), src.arrayOffset() + src.position(), n);
      src.position(src.position() + n);
    } else {
      byte[] chunk = new byte[Math.min(src.remaining(), 1 << 16)];
      while (src.hasRemaining()) {
        int n = Math.min(chunk.length, src.remaining());
        src.get(chunk, 0, n);
        write(chunk, 0, n);
      }
    }
  }

  /**
   * Copies the data of {@code source} (a tensor of an open reader) as the whole data of the current
   * tensor.
   *
   * @throws IllegalStateException if the current tensor has a different byte size or is partly
   *     written
   * @throws IOException if reading or writing fails
   */
  public void copyTensor(GgufReader reader, GgufTensorInfo source) throws IOException {
    GgufTensorInfo t = currentTensor();
    if (writtenInTensor != 0 || t.byteSize() != source.byteSize()) {
      throw new IllegalStateException(
          "cannot copy tensor '"
              + source.name()
              + "' ("
              + source.byteSize()
              + " bytes) into tensor '"
              + t.name()
              + "' ("
              + t.byteSize()
              + " bytes, "
              + writtenInTensor
              + " written)");
    }
    byte[] buf = new byte[(int) Math.min(1 << 20, Math.max(1, source.byteSize()))];
    try (InputStream in = reader.tensorStream(source)) {
      long left = source.byteSize();
      while (left > 0) {
        int r = in.read(buf, 0, (int) Math.min(buf.length, left));
        if (r < 0) {
          throw new IOException("tensor '" + source.name() + "' ended early");
        }
        write(buf, 0, r);
        left -= r;
      }
    }
  }

  /**
   * Checks that every tensor's data was written and flushes the stream.
   *
   * @throws IllegalStateException if tensor data is missing
   * @throws IOException if flushing fails
   */
  public GgufFile finish() throws IOException {
    if (tensor < layout.tensors().size()) {
      GgufTensorInfo t = layout.tensors().get(tensor);
      throw new IllegalStateException(
          "tensor '"
              + t.name()
              + "' has "
              + writtenInTensor
              + " of its "
              + t.byteSize()
              + " bytes; "
              + (layout.tensors().size() - tensor - 1)
              + " tensors follow");
    }
    if (!finished) {
      finished = true;
      out.flush();
    }
    return layout;
  }

  private void endTensor(GgufTensorInfo t) throws IOException {
    long padded = HeaderDecoder.align(t.byteSize(), layout.alignment());
    long pad = padded - t.byteSize();
    while (pad > 0) {
      int n = (int) Math.min(pad, ZEROS.length);
      out.write(ZEROS, 0, n);
      pad -= n;
    }
    tensor++;
    writtenInTensor = 0;
    skipEmptyTensors();
  }

  private void skipEmptyTensors() {
    // Tensors are never empty (every dimension >= 1), but keep the invariant explicit.
    while (tensor < layout.tensors().size() && layout.tensors().get(tensor).byteSize() == 0) {
      tensor++;
    }
  }

  private static ByteSink encodeHeader(
      int version, GgufMetadata metadata, List<GgufTensorSpec> tensors) {
    checkVersion(version);
    ByteSink h = new ByteSink();
    h.putInt(0x46554747);
    h.putInt(version);
    h.putLong(tensors.size());
    h.putLong(metadata.size());
    metadata
        .entries()
        .forEach(
            (k, v) -> {
              h.putString(k);
              h.putInt(v.type().id());
              v.encode(h);
            });
    int alignment = alignmentOf(metadata);
    long offset = 0;
    for (GgufTensorSpec t : tensors) {
      h.putString(t.name());
      h.putInt(t.dims().size());
      for (long d : t.dims()) {
        h.putLong(d);
      }
      h.putInt(t.type().id());
      h.putLong(offset);
      offset = HeaderDecoder.align(offset + t.byteSize(), alignment);
    }
    return h;
  }

  private static long headerSize(GgufMetadata metadata, List<GgufTensorSpec> tensors) {
    long n = 24;
    for (var e : metadata.entries().entrySet()) {
      n += 8 + utf8Length(e.getKey()) + 4 + e.getValue().encodedSize();
    }
    for (GgufTensorSpec t : tensors) {
      n += 8 + utf8Length(t.name()) + 4 + 8L * t.dims().size() + 4 + 8;
    }
    return n;
  }

  private static long utf8Length(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
  }

  private static GgufFile layout(
      int version, GgufMetadata metadata, List<GgufTensorSpec> tensors, long headerSize) {
    checkVersion(version);
    int alignment = alignmentOf(metadata);
    long dataOffset = HeaderDecoder.align(headerSize, alignment);
    List<GgufTensorInfo> infos = new ArrayList<>(tensors.size());
    Set<String> names = new HashSet<>();
    long rel = 0;
    for (GgufTensorSpec t : tensors) {
      if (!names.add(t.name())) {
        throw new IllegalArgumentException("two tensors are named '" + t.name() + "'");
      }
      infos.add(
          new GgufTensorInfo(t.name(), t.type(), t.dims(), rel, dataOffset + rel, t.byteSize()));
      rel = HeaderDecoder.align(rel + t.byteSize(), alignment);
    }
    return new GgufFile(
        version, metadata, infos, alignment, headerSize, dataOffset, dataOffset + rel);
  }

  private static void checkVersion(int version) {
    if (version != 2 && version != 3) {
      throw new IllegalArgumentException("GGUF version must be 2 or 3 but was " + version);
    }
  }

  private static int alignmentOf(GgufMetadata metadata) {
    GgufValue v = metadata.find(GgufMetadata.ALIGNMENT_KEY).orElse(null);
    if (v == null) {
      return GgufMetadata.DEFAULT_ALIGNMENT;
    }
    long a = v.type() == GgufValueType.UINT32 ? v.asLong() : -1;
    if (a <= 0 || (a & (a - 1)) != 0 || a > (1 << 30)) {
      throw new IllegalArgumentException(
          GgufMetadata.ALIGNMENT_KEY + " must be a power-of-two UINT32, not " + v);
    }
    return (int) a;
  }
}
