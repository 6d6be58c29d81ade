package dev.modelfleet.gguf.generate;

import dev.modelfleet.gguf.GgufWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Computes tensor data chunks on worker threads and writes them in order. At most a small window of
 * chunks is in memory at once, so memory is bounded whatever the model size.
 */
final class ChunkPipeline {
  private ChunkPipeline() {}

  static void run(
      Iterator<Callable<byte[]>> chunks,
      GgufWriter writer,
      int threads,
      long totalBytes,
      ProgressListener listener)
      throws IOException {
    long done = 0;
    if (threads <= 1) {
      while (chunks.hasNext()) {
        byte[] b = call(chunks.next());
        writer.write(b);
        done += b.length;
        listener.onProgress(done, totalBytes);
      }
      return;
    }
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "gguf-generate-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    try {
      Deque<Future<byte[]>> window = new ArrayDeque<>();
      int max = 2 * threads + 1;
      while (chunks.hasNext() || !window.isEmpty()) {
        while (chunks.hasNext() && window.size() < max) {
          window.add(pool.submit(chunks.next()));
        }
        byte[] b = await(window.removeFirst());
        writer.write(b);
        done += b.length;
        listener.onProgress(done, totalBytes);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static byte[] call(Callable<byte[]> c) throws IOException {
    try {
      return c.call();
    } catch (IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(e);
    }
  }

  private static byte[] await(Future<byte[]> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while writing a model");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      } else if (cause instanceof RuntimeException re) {
        throw re;
      } else if (cause instanceof Error err) {
        throw err;
      }
      throw new IOException(cause);
    }
  }
}
