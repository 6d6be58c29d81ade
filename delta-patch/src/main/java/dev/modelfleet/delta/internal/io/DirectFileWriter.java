package dev.modelfleet.delta.internal.io;

import dev.modelfleet.delta.internal.concurrent.Futures;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Appends to a file opened with direct I/O ({@code O_DIRECT}): the bytes go from aligned buffers to
 * the disk without passing through the page cache. See ADR 0011 for why: writing a model through
 * the page cache cost this project's VM 1 to 16 s of kernel time per GiB, and on a device it evicts
 * the pages of the model that is running. One background thread writes a full buffer while the
 * caller fills the other. {@link #finish} writes the last, partial block padded with zeros and then
 * truncates the file to the bytes appended.
 *
 * <p>Not thread-safe: one thread appends.
 */
public final class DirectFileWriter implements Closeable {
  /** Bytes per write: large enough that a write costs little more than the disk's time for it. */
  static final int BUFFER = 4 << 20;

  private final FileChannel channel;
  private final int align;
  private final int bufferSize;
  private final ByteBuffer[] buffers = new ByteBuffer[2];
  private final @Nullable Future<?>[] writes = new Future<?>[2];
  private final ExecutorService writer;
  private int current;
  private long flushed;
  private long size;
  private boolean finished;

  private DirectFileWriter(FileChannel channel, int align) {
    this.channel = channel;
    this.align = align;
    this.bufferSize = Math.max(BUFFER, align) / align * align;
    for (int i = 0; i < buffers.length; i++) {
      buffers[i] = ByteBuffer.allocateDirect(bufferSize + align).alignedSlice(align);
      buffers[i].limit(bufferSize);
    }
    writer =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "modelfleet-delta-write");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Opens {@code file}, which must exist and be empty, for direct writes; {@code null} where the
   * platform or the file system does not offer them (Android, tmpfs on older kernels, some network
   * and FUSE file systems), and the caller then writes through the page cache.
   */
  public static @Nullable DirectFileWriter open(Path file) {
    return open(file, DirectFileWriter::probe);
  }

  /** Checks that a channel just opened for direct writes takes them. */
  interface Probe {
    void check(FileChannel channel, int align) throws IOException;
  }

  static @Nullable DirectFileWriter open(Path file, Probe probe) {
    OpenOption direct;
    long blockSize;
    try {
      direct = com.sun.nio.file.ExtendedOpenOption.DIRECT;
      blockSize = Files.getFileStore(file).getBlockSize();
    } catch (LinkageError | IOException | UnsupportedOperationException e) {
      return null;
    }
    // Buffers, offsets and lengths must be multiples of the block size: a power of two, here at
    // least 4 KiB (covers the logical block size of common disks) and at most 1 MiB.
    long align = Math.max(4096, blockSize);
    if (Long.bitCount(align) != 1 || align > (1 << 20)) {
      return null;
    }
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE, direct);
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return null;
    }
    try {
      probe.check(channel, (int) align);
    } catch (IOException e) {
      try {
        channel.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      return null;
    }
    return new DirectFileWriter(channel, (int) align);
  }

  /**
   * Writes one block of zeros and truncates it away: some file systems (FUSE ones among them)
   * accept {@code O_DIRECT} at open and then fail every write with "Invalid argument", which would
   * otherwise fail the whole apply instead of falling back to the page cache.
   */
  private static void probe(FileChannel channel, int align) throws IOException {
    ByteBuffer block = ByteBuffer.allocateDirect(2 * align).alignedSlice(align);
    block.limit(align);
    long p = 0;
    while (block.hasRemaining()) {
      p += channel.write(block, p);
    }
    channel.truncate(0);
  }

  /** Bytes appended so far. */
  public long size() {
    return size;
  }

  /** Appends all remaining bytes of {@code src}. */
  public void write(ByteBuffer src) throws IOException {
    if (finished) {
      throw new IllegalStateException("already finished");
    }
    while (src.hasRemaining()) {
      ByteBuffer b = buffers[current];
      int n = Math.min(src.remaining(), b.remaining());
      ByteBuffer part = src.duplicate();
      part.limit(part.position() + n);
      b.put(part);
      src.position(src.position() + n);
      size += n;
      if (!b.hasRemaining()) {
        submit();
      }
    }
  }

  /** Appends {@code len} bytes of {@code b} from {@code off}. */
  public void write(byte[] b, int off, int len) throws IOException {
    write(ByteBuffer.wrap(b, off, len));
  }

  /**
   * Writes what is still buffered, waits for every write, and sets the file's length to the bytes
   * appended. The file is complete afterwards but not yet synced: see {@link #channel()}.
   */
  public void finish() throws IOException {
    if (finished) {
      return;
    }
    finished = true;
    ByteBuffer b = buffers[current];
    if (b.position() > 0) {
      int end = (b.position() + align - 1) / align * align;
      while (b.position() < end) {
        b.put((byte) 0);
      }
      submit();
    }
    for (int i = 0; i < writes.length; i++) {
      awaitWrite(i);
    }
    channel.truncate(size);
  }

  /**
   * Replaces the file's first bytes after {@link #finish}: for a header whose contents are known
   * only at the end. Reads back the aligned blocks they fall in, patches them and writes them.
   */
  public void overwriteStart(byte[] bytes) throws IOException {
    if (!finished || bytes.length > size) {
      throw new IllegalStateException(
          "overwriting " + bytes.length + " bytes of a file of " + size + ", finished " + finished);
    }
    int len = (bytes.length + align - 1) / align * align;
    ByteBuffer b = buffers[0];
    b.clear().limit(len);
    long at = 0;
    while (b.hasRemaining() && at < size) {
      int n = channel.read(b, at);
      if (n < 0) {
        break;
      }
      at += n;
    }
    while (b.hasRemaining()) {
      b.put((byte) 0); // past the end of a file shorter than a block
    }
    b.clear().limit(len);
    b.put(bytes).clear().limit(len);
    long p = 0;
    while (b.hasRemaining()) {
      p += channel.write(b, p);
    }
    if (len > size) {
      channel.truncate(size);
    }
  }

  /** The file, for {@code force}: after {@link #finish} its data is complete. */
  public FileChannel channel() {
    return channel;
  }

  @Override
  public void close() throws IOException {
    writer.shutdown();
    boolean interrupted = false;
    try {
      // Not interrupted: interrupting a thread in FileChannel.write would close the channel.
      while (!writer.awaitTermination(1, TimeUnit.MINUTES)) {
        // a write to a slow disk: keep waiting, the channel cannot be closed under it
      }
    } catch (InterruptedException e) {
      interrupted = true;
    }
    channel.close();
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Hands the current buffer to the writer and makes the other one current once it is free. */
  private void submit() throws IOException {
    ByteBuffer b = buffers[current];
    b.flip();
    long at = flushed;
    flushed += b.limit();
    writes[current] =
        writer.submit(
            () -> {
              long p = at;
              while (b.hasRemaining()) {
                p += channel.write(b, p);
              }
              return null;
            });
    current ^= 1;
    awaitWrite(current);
    ByteBuffer next = buffers[current];
    next.clear().limit(bufferSize);
  }

  private void awaitWrite(int i) throws IOException {
    Future<?> f = writes[i];
    if (f != null) {
      writes[i] = null;
      Futures.await(f, "writing a file");
    }
  }
}
