package dev.modelfleet.bench.delta;

import dev.modelfleet.delta.internal.io.DirectFileWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The floor of any apply that makes the checks: SHA-256 of the whole source, and the target
 * written and hashed while it is written, with nothing decoded, on the same two cores. It copies
 * the target itself (so there is no patch to read), hashes the source on one thread and the output
 * on another, and does not flush to the disk: a lower bound for an applier's time, not a tool. It
 * writes the way our applier does by default: with direct I/O where the file system offers it
 * ({@link DirectFileWriter}), else through the page cache.
 *
 * <pre>VerifiedCopy SOURCE TARGET OUT</pre>
 *
 * Prints the two digests on stdout.
 */
public final class VerifiedCopy {
  private static final int CHUNK = 1 << 20;
  private static final int BUFFERS = 8;

  private VerifiedCopy() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: VerifiedCopy SOURCE TARGET OUT");
    }
    Path source = Path.of(args[0]);
    FutureTask<byte[]> sourceHash = new FutureTask<>(() -> hash(source));
    Thread s = new Thread(sourceHash, "source-hash");
    s.start();
    byte[] out = copyAndHash(Path.of(args[1]), Path.of(args[2]));
    byte[] in;
    try {
      in = sourceHash.get();
    } catch (ExecutionException e) {
      throw new IOException("hashing the source failed", e.getCause());
    }
    HexFormat hex = HexFormat.of();
    System.out.println("source " + hex.formatHex(in) + "\noutput " + hex.formatHex(out));
  }

  private static byte[] hash(Path file) throws IOException {
    MessageDigest md = sha256();
    ByteBuffer buf = ByteBuffer.allocateDirect(CHUNK);
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      while (ch.read(buf.clear()) > 0) {
        md.update(buf.flip());
      }
    }
    return md.digest();
  }

  /** Copies {@code from} to {@code to} with direct buffers; a second thread hashes each buffer. */
  private static byte[] copyAndHash(Path from, Path to) throws Exception {
    BlockingQueue<ByteBuffer> free = new ArrayBlockingQueue<>(BUFFERS);
    BlockingQueue<ByteBuffer> written = new ArrayBlockingQueue<>(BUFFERS);
    for (int i = 0; i < BUFFERS; i++) {
      free.add(ByteBuffer.allocateDirect(CHUNK));
    }
    ByteBuffer end = ByteBuffer.allocate(0);
    FutureTask<byte[]> digest =
        new FutureTask<>(
            () -> {
              MessageDigest md = sha256();
              for (ByteBuffer b = written.take(); b != end; b = written.take()) {
                md.update(b);
                free.add(b);
              }
              return md.digest();
            });
    Thread d = new Thread(digest, "output-hash");
    d.setDaemon(true);
    d.start();
    Files.deleteIfExists(to);
    Files.createFile(to);
    DirectFileWriter direct = DirectFileWriter.open(to);
    try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
        FileChannel out = FileChannel.open(to, StandardOpenOption.WRITE)) {
      while (true) {
        ByteBuffer b = free.take().clear();
        if (in.read(b) <= 0) {
          break;
        }
        b.flip();
        if (direct != null) {
          direct.write(b.duplicate());
        } else {
          while (b.hasRemaining()) {
            out.write(b);
          }
          b.flip();
        }
        written.put(b);
      }
      if (direct != null) {
        direct.finish();
      }
    } finally {
      if (direct != null) {
        direct.close();
      }
    }
    written.put(end);
    return digest.get();
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
