package dev.modelfleet.gguf.generate;

import dev.modelfleet.gguf.GgufTensorSpec;
import dev.modelfleet.gguf.quant.Quantization;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

/**
 * Deterministic weights shaped like a trained model's: norm vectors near 1; matrices Gaussian with
 * a per-layer scale, a per-row scale (log-normal) and a few outlier columns, so that quantized
 * blocks have varied scales and occasional large values as real checkpoints do.
 */
final class Weights {
  /** Elements per chunk (rounded to whole rows): ~1 MiB of floats. */
  static final int CHUNK_ELEMENTS = 1 << 18;

  private Weights() {}

  static int rowsPerChunk(GgufTensorSpec t) {
    return (int) Math.max(1, Math.min(t.rowCount(), CHUNK_ELEMENTS / t.rowLength()));
  }

  static long chunkCount(GgufTensorSpec t) {
    int rows = rowsPerChunk(t);
    return (t.rowCount() + rows - 1) / rows;
  }

  /** Chunks of quantized data for the whole tensor, in order. */
  static Iterator<Callable<byte[]>> chunks(long seed, GgufTensorSpec t) {
    long count = chunkCount(t);
    return new Iterator<>() {
      long next;

      @Override
      public boolean hasNext() {
        return next < count;
      }

      @Override
      public Callable<byte[]> next() {
        if (next >= count) {
          throw new NoSuchElementException();
        }
        long c = next++;
        return () -> quantizedChunk(seed, t, c);
      }
    };
  }

  static byte[] quantizedChunk(long seed, GgufTensorSpec t, long chunk) {
    int rowsPer = rowsPerChunk(t);
    long firstRow = chunk * rowsPer;
    int rows = (int) Math.min(rowsPer, t.rowCount() - firstRow);
    int n = (int) (rows * t.rowLength());
    float[] values = new float[n];
    fill(seed, t, chunk, rows, values);
    byte[] out = new byte[(int) t.type().byteSize(n)];
    Quantization.quantize(t.type(), values, 0, n, out, 0);
    return out;
  }

  static void fill(long seed, GgufTensorSpec t, long chunk, int rows, float[] out) {
    int rowLength = (int) t.rowLength();
    Rng rng = new Rng(Rng.streamSeed(seed, t.name(), chunk));
    int n = rows * rowLength;
    rng.nextGaussians(out, 0, n);
    if (t.dims().size() == 1) {
      // Norm weights: around 1, as RMSNorm gains are after training.
      for (int i = 0; i < n; i++) {
        out[i] = 1.0f + 0.05f * out[i];
      }
      return;
    }
    Rng tensorRng = new Rng(Rng.streamSeed(seed, t.name(), -1));
    float layerScale = 0.02f * (float) (0.75 + 0.5 * tensorRng.nextDouble());
    float[] columnScale = new float[rowLength];
    for (int c = 0; c < rowLength; c++) {
      // About one column in 128 carries outliers, like the outlier features of real models.
      columnScale[c] = (tensorRng.nextLong() & 127) == 0 ? 4.0f : 1.0f;
    }
    for (int r = 0; r < rows; r++) {
      float rowScale = layerScale * (float) Math.exp(0.25 * rng.nextGaussian());
      int base = r * rowLength;
      for (int c = 0; c < rowLength; c++) {
        out[base + c] *= rowScale * columnScale[c];
      }
    }
  }
}
