package dev.modelfleet.delta.internal.cdc;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

final class Reads {
  private Reads() {}

  static void readFully(FileChannel ch, long pos, byte[] dst, int off, int len) throws IOException {
    ByteBuffer bb = ByteBuffer.wrap(dst, off, len);
    long p = pos;
    while (bb.hasRemaining()) {
      int n = ch.read(bb, p);
      if (n < 0) {
        throw new EOFException("file ended at " + p + " (changed while encoding?)");
      }
      p += n;
    }
  }
}
