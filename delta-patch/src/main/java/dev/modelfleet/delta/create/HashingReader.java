package dev.modelfleet.delta.create;

import dev.modelfleet.delta.Sha256;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.security.MessageDigest;

/**
 * Reads pieces of one input for the encoder and computes the input's SHA-256 on the way, so that an
 * encode reads each byte once instead of twice (once to hash, once to encode): on a 1 GiB pair the
 * second pass cost about 1 CPU-second of kernel copies. The hash covers the file in order, so a
 * piece past the hashed prefix first has the gap read and hashed, and a piece before it (a tensor
 * that moved) is read without being hashed again. Not thread-safe: the planner's thread uses it.
 */
final class HashingReader {
  private static final int GAP_BUFFER = 1 << 20;

  private final FileChannel channel;
  private final long size;
  private final MessageDigest digest = Sha256.newDigest();
  private long hashed;
  private boolean finished;

  HashingReader(FileChannel channel, long size) {
    this.channel = channel;
    this.size = size;
  }

  /** Reads {@code [position, position + length)} into {@code dst[0, length)}. */
  void read(long position, byte[] dst, int length) throws IOException {
    if (finished) {
      throw new IllegalStateException("the hash is finished");
    }
    if (position > hashed) {
      hashUpTo(Math.min(position, size));
    }
    Tasks.readFully(channel, position, dst, 0, length);
    long end = Math.min(position + length, size);
    if (position <= hashed && end > hashed) {
      int skip = (int) (hashed - position);
      digest.update(dst, skip, (int) (end - hashed));
      hashed = end;
    }
  }

  /** Hashes what no read covered and returns the SHA-256 of the file's {@code size} bytes. */
  Sha256 finish() throws IOException {
    if (finished) {
      throw new IllegalStateException("the hash is finished");
    }
    hashUpTo(size);
    finished = true;
    return Sha256.of(digest.digest());
  }

  private void hashUpTo(long end) throws IOException {
    if (end <= hashed) {
      return;
    }
    byte[] buf = new byte[(int) Math.min(GAP_BUFFER, end - hashed)];
    while (hashed < end) {
      int n = (int) Math.min(buf.length, end - hashed);
      Tasks.readFully(channel, hashed, buf, 0, n);
      digest.update(buf, 0, n);
      hashed += n;
    }
  }
}
