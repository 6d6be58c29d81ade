package dev.modelfleet.signing.hashing;

import dev.modelfleet.signing.internal.Hex;
import dev.modelfleet.signing.internal.Sha;
import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hex SHA-256 digests of files and byte ranges. {@link #sha256All} spreads ranges over threads; one
 * range is always hashed by one thread (SHA-256 is sequential), so large files go fastest when
 * split into shards.
 */
public final class FileDigests {
  static final int BUFFER_SIZE = 1 << 20;

  private FileDigests() {}

  /**
   * SHA-256 of a whole file.
   *
   * @throws IOException if it cannot be read
   */
  public static String sha256(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      return sha256(ch, 0, ch.size(), HashListener.NONE, file);
    }
  }

  /**
   * SHA-256 of each range, in the order given, using up to {@code parallelism} threads.
   *
   * @throws IOException if a file cannot be read or is shorter than a range (it changed)
   * @throws InterruptedIOException if the calling thread is interrupted
   */
  public static List<String> sha256All(
      List<ByteRange> ranges, int parallelism, HashListener listener) throws IOException {
    Objects.requireNonNull(listener, "listener");
    if (parallelism < 1) {
      throw new IllegalArgumentException("parallelism must be at least 1, got " + parallelism);
    }
    if (ranges.isEmpty()) {
      return List.of();
    }
    int threads = Math.min(parallelism, ranges.size());
    if (threads == 1) {
      List<String> out = new ArrayList<>(ranges.size());
      for (ByteRange r : ranges) {
        out.add(sha256(r, listener));
      }
      return out;
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
    try {
      List<Future<String>> futures = new ArrayList<>(ranges.size());
      for (ByteRange r : ranges) {
        futures.add(pool.submit(() -> sha256(r, listener)));
      }
      List<String> out = new ArrayList<>(ranges.size());
      for (Future<String> f : futures) {
        out.add(f.get());
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while hashing");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      } else if (cause instanceof UncheckedIOException u) {
        throw u.getCause();
      } else if (cause instanceof RuntimeException re) {
        throw re;
      }
      throw new IOException("hashing failed", cause);
    } finally {
      pool.shutdownNow();
    }
  }

  static String sha256(ByteRange r, HashListener listener) throws IOException {
    try (FileChannel ch = FileChannel.open(r.file(), StandardOpenOption.READ)) {
      return sha256(ch, r.start(), r.end(), listener, r.file());
    }
  }

  private static String sha256(
      FileChannel ch, long start, long end, HashListener listener, Path file) throws IOException {
    MessageDigest md = Sha.sha256();
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(BUFFER_SIZE, Math.max(1, end - start)));
    byte[] array = buf.array();
    long pos = start;
    while (pos < end) {
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), end - pos));
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new EOFException(file + " ended at byte " + pos + ", expected " + end);
      }
      md.update(array, 0, n);
      pos += n;
      listener.hashed(n);
    }
    return Hex.encode(md.digest());
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "modelfleet-hash-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
