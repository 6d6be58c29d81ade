package dev.modelfleet.gguf;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;

/**
 * Reads GGUF files: {@link #readHeader(Path)} parses only the header; an open reader adds
 * positional access to tensor data, which is never loaded whole. Safe for concurrent positional
 * reads from several threads.
 */
public final class GgufReader implements Closeable {
  private final FileChannel channel;
  private final GgufFile file;

  private GgufReader(FileChannel channel, GgufFile file) {
    this.channel = channel;
    this.file = file;
  }

  /**
   * Parses the header of the GGUF file at {@code path}, reading nothing of the tensor data.
   *
   * @throws GgufFormatException if the file is not a valid GGUF v2/v3 little-endian file
   * @throws IOException if the file cannot be read
   */
  public static GgufFile readHeader(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      return readHeader(ch);
    }
  }

  /**
   * Parses the header of the GGUF file open as {@code channel} with positional reads (the channel's
   * position is not used or changed). The file's size is the channel's size now.
   *
   * @throws GgufFormatException if the file is not a valid GGUF v2/v3 little-endian file
   * @throws IOException if the file cannot be read
   */
  public static GgufFile readHeader(FileChannel channel) throws IOException {
    return new HeaderDecoder(channel, channel.size()).decode();
  }

  /**
   * Opens {@code path} and parses its header.
   *
   * @throws GgufFormatException if the file is not a valid GGUF v2/v3 little-endian file
   * @throws IOException if the file cannot be read
   */
  public static GgufReader open(Path path) throws IOException {
    FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new GgufReader(ch, readHeader(ch));
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
  }

  /** The parsed header. */
  public GgufFile file() {
    return file;
  }

  /**
   * Fills {@code dst} with the bytes at {@code position} in the file.
   *
   * @throws EOFException if the file ends first
   * @throws IOException if the file cannot be read
   */
  public void readFully(long position, ByteBuffer dst) throws IOException {
    if (position < 0) {
      throw new IllegalArgumentException("position must be >= 0 but was " + position);
    }
    long p = position;
    while (dst.hasRemaining()) {
      int r = channel.read(dst, p);
      if (r < 0) {
        throw new EOFException("GGUF file ended at byte offset " + p + " while reading");
      }
      p += r;
    }
  }

  /**
   * Fills {@code dst} with the tensor's bytes starting {@code offsetInTensor} bytes into its data.
   *
   * @throws IllegalArgumentException if the range is not inside the tensor's data
   * @throws IOException if the file cannot be read
   */
  public void readTensor(GgufTensorInfo tensor, long offsetInTensor, ByteBuffer dst)
      throws IOException {
    if (offsetInTensor < 0 || offsetInTensor > tensor.byteSize() - dst.remaining()) {
      throw new IllegalArgumentException(
          dst.remaining()
              + " bytes at "
              + offsetInTensor
              + " are outside tensor '"
              + tensor.name()
              + "' of "
              + tensor.byteSize()
              + " bytes");
    }
    readFully(tensor.absoluteOffset() + offsetInTensor, dst);
  }

  /** A stream of the tensor's data bytes (positional reads; the reader must stay open). */
  public InputStream tensorStream(GgufTensorInfo tensor) {
    return rangeStream(tensor.absoluteOffset(), tensor.byteSize());
  }

  /** A stream of {@code length} bytes at {@code start} (the reader must stay open). */
  public InputStream rangeStream(long start, long length) {
    if (start < 0 || length < 0) {
      throw new IllegalArgumentException("start and length must be >= 0");
    }
    return new RangeInputStream(channel, start, length);
  }

  /** The underlying channel, for positional reads and transfers (do not close it). */
  public FileChannel channel() {
    return channel;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  private static final class RangeInputStream extends InputStream {
    private final FileChannel channel;
    private long pos;
    private final long end;

    RangeInputStream(FileChannel channel, long start, long length) {
      this.channel = Objects.requireNonNull(channel);
      this.pos = start;
      this.end = start + length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      Objects.checkFromIndexSize(off, len, b.length);
      if (len == 0) {
        return 0;
      }
      if (pos >= end) {
        return -1;
      }
      int n = (int) Math.min(len, end - pos);
      int r = channel.read(ByteBuffer.wrap(b, off, n), pos);
      if (r < 0) {
        throw new EOFException("GGUF file ended at byte offset " + pos + " while reading");
      }
      pos += r;
      return r;
    }

    @Override
    public long skip(long n) {
      long s = Math.max(0, Math.min(n, end - pos));
      pos += s;
      return s;
    }

    @Override
    public int available() {
      return (int) Math.min(Integer.MAX_VALUE, end - pos);
    }
  }
}
