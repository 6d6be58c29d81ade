package dev.modelfleet.delta.create;

import com.github.luben.zstd.ZstdCompressCtx;

/**
 * The two zstd set-ups of one encoding thread. Literals (metadata, new tensors, unrelated data) use
 * the configured level, like {@code zstd -L}. Transform payloads are mostly small residual symbols
 * with no long repeats, where zstd's match search only costs time and finds spurious short matches:
 * a fast level with a tiny hash table and long minimum matches leaves them to the entropy coder,
 * which is both faster and smaller (measured on simulated fine-tunes).
 */
final class Compressors implements AutoCloseable {
  final ZstdCompressCtx literal;
  final ZstdCompressCtx residual;

  Compressors(int level) {
    literal = new ZstdCompressCtx();
    literal.setLevel(level);
    literal.setChecksum(false);
    literal.setContentSize(true);
    residual = new ZstdCompressCtx();
    residual.setLevel(1);
    residual.setMinMatch(7);
    residual.setHashLog(8);
    residual.setChecksum(false);
    residual.setContentSize(true);
  }

  @Override
  public void close() {
    literal.close();
    residual.close();
  }
}
