package dev.modelfleet.delta.create;

import com.github.luben.zstd.ZstdCompressCtx;
import dev.modelfleet.delta.internal.bytes.ByteBuilder;
import java.util.Arrays;

/**
 * What one encoding thread reuses from task to task: read buffers, payload builders and three zstd
 * set-ups. Literals (metadata, new tensors, unrelated data) use the configured level. Transform
 * payloads are mostly small residual symbols with no long repeats, where zstd's match search only
 * costs time and finds spurious short matches: a fast level with long minimum matches leaves them
 * to the entropy coder, which is both faster and smaller (measured on simulated fine-tunes). The
 * size of its hash table depends on the payload ({@link #residualFor}).
 */
final class Compressors implements AutoCloseable {
  /** The length of the runs that {@link #sparse} looks at. */
  static final int RUN = 32;

  /** Share of all-zero runs above which a transform payload counts as sparse. */
  static final double SPARSE_ABOVE = 0.6;

  private static final byte[] ZERO_RUN = new byte[RUN];

  final ZstdCompressCtx literal;
  final ZstdCompressCtx residual;
  final ZstdCompressCtx sparseResidual;
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
    residual = residualContext(6);
    sparseResidual = residualContext(12);
  }

  /**
   * The set-up for a transform section's {@code size} raw bytes. Measured section by section on the
   * bench's fine-tunes (docs/benchmarks.md, ninth round), the better hash table depends on how many
   * blocks changed, which the share of all-zero 32-byte runs tells apart cleanly:
   *
   * <ul>
   *   <li>sparse payloads (few blocks changed: 70-99 % zero runs) compress 2-8 % smaller with 4096
   *       entries than with 64, as it finds more of the long repeats between changed blocks;
   *   <li>dense payloads (most blocks changed: under 50 %) compress 1.5-6 % smaller with zstd's
   *       smallest table, 64 entries, than with 4096, as it finds fewer spurious matches.
   * </ul>
   */
  ZstdCompressCtx residualFor(byte[] raw, int size) {
    return sparse(raw, size) ? sparseResidual : residual;
  }

  /** True if more than {@link #SPARSE_ABOVE} of the whole 32-byte runs of {@code b} are zero. */
  static boolean sparse(byte[] b, int size) {
    int runs = size / RUN;
    int zero = 0;
    for (int i = 0; i < runs; i++) {
      if (Arrays.equals(b, i * RUN, (i + 1) * RUN, ZERO_RUN, 0, RUN)) {
        zero++;
      }
    }
    return runs > 0 && zero > SPARSE_ABOVE * runs;
  }

  private static ZstdCompressCtx residualContext(int hashLog) {
    ZstdCompressCtx c = new ZstdCompressCtx();
    c.setLevel(1);
    c.setMinMatch(7);
    c.setHashLog(hashLog);
    c.setChecksum(false);
    c.setContentSize(true);
    return c;
  }

  @Override
  public void close() {
    literal.close();
    residual.close();
    sparseResidual.close();
  }
}
