package dev.modelfleet.delta.create;

import com.github.luben.zstd.ZstdCompressCtx;
import dev.modelfleet.delta.internal.bytes.ByteBuilder;

/**
 * What one encoding thread reuses from task to task: read buffers, payload builders and two zstd
 * set-ups. Literals (metadata, new tensors, unrelated data) use the configured level. Transform
 * payloads are mostly small residual symbols with no long repeats, where zstd's match search only
 * costs time and finds spurious short matches: a fast level with a tiny hash table and long minimum
 * matches leaves them to the entropy coder, which is both faster and smaller (measured on simulated
 * fine-tunes).
 */
final class Compressors implements AutoCloseable {
  final ZstdCompressCtx literal;
  final ZstdCompressCtx residual;
  final ByteBuilder raw = new ByteBuilder(1 << 16);
  final ByteBuilder payload = new ByteBuilder(1 << 16);
  final ByteBuilder section = new ByteBuilder(1 << 16);
  private byte[] old = new byte[0];
  private byte[] neu = new byte[0];

  /** A buffer for the old bytes of a piece, at least {@code n} long. */
  byte[] old(int n) {
    if (old.length < n) {
      old = new byte[n];
    }
    return old;
  }

  /** A buffer for the new bytes of a piece, at least {@code n} long. */
  byte[] neu(int n) {
    if (neu.length < n) {
      neu = new byte[n];
    }
    return neu;
  }

  Compressors(int level) {
    literal = new ZstdCompressCtx();
    literal.setLevel(level);
    literal.setChecksum(false);
    literal.setContentSize(true);
    residual = new ZstdCompressCtx();
    residual.setLevel(1);
    residual.setMinMatch(7);
    // zstd's smallest table (64 entries): fewer spurious matches, so 0.3-2 % smaller payloads than
    // 256 entries on every fine-tune measured (docs/benchmarks.md, ninth round), at the same speed.
    residual.setHashLog(6);
    residual.setChecksum(false);
    residual.setContentSize(true);
  }

  @Override
  public void close() {
    literal.close();
    residual.close();
  }
}
