package dev.modelfleet.delta.create;

import dev.modelfleet.delta.internal.io.DirectFileWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jspecify.annotations.Nullable;

/**
 * The temporary patch file: a header whose digests are known only at the end, then sections
 * appended in order. Written with direct I/O where the file system offers it (ADR 0011), else
 * through the page cache.
 */
final class PatchFile implements Closeable {
  private final @Nullable DirectFileWriter direct;
  private final @Nullable FileChannel buffered;
  private final int headerSize;
  private long size;

  private PatchFile(
      @Nullable DirectFileWriter direct, @Nullable FileChannel buffered, int headerSize) {
    this.direct = direct;
    this.buffered = buffered;
    this.headerSize = headerSize;
  }

  /** Opens the empty file {@code temp}, leaving {@code headerSize} bytes for the header. */
  static PatchFile open(Path temp, int headerSize, boolean directIo) throws IOException {
    DirectFileWriter d = directIo ? DirectFileWriter.open(temp) : null;
    PatchFile f =
        d != null
            ? new PatchFile(d, null, headerSize)
            : new PatchFile(null, FileChannel.open(temp, StandardOpenOption.WRITE), headerSize);
    f.append(new byte[headerSize]);
    return f;
  }

  /** Bytes in the file so far, the header's included. */
  long size() {
    return size;
  }

  void append(byte[] bytes) throws IOException {
    DirectFileWriter d = direct;
    if (d != null) {
      d.write(bytes, 0, bytes.length);
    } else {
      write(channel(), ByteBuffer.wrap(bytes), size);
    }
    size += bytes.length;
  }

  /** Writes the header and syncs the file to the disk. */
  void complete(byte[] header) throws IOException {
    if (header.length != headerSize) {
      throw new IllegalArgumentException(
          "a header of " + header.length + " bytes, not " + headerSize);
    }
    DirectFileWriter d = direct;
    if (d != null) {
      d.finish();
      d.overwriteStart(header);
      d.channel().force(true);
    } else {
      FileChannel ch = channel();
      write(ch, ByteBuffer.wrap(header), 0);
      ch.force(true);
    }
  }

  @Override
  public void close() throws IOException {
    DirectFileWriter d = direct;
    if (d != null) {
      d.close();
    } else {
      channel().close();
    }
  }

  private FileChannel channel() {
    FileChannel ch = buffered;
    if (ch == null) {
      throw new IllegalStateException("written with direct I/O");
    }
    return ch;
  }

  private static void write(FileChannel ch, ByteBuffer bb, long at) throws IOException {
    long p = at;
    while (bb.hasRemaining()) {
      p += ch.write(bb, p);
    }
  }
}
