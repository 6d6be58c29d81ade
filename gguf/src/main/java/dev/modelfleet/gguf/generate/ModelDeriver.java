package dev.modelfleet.gguf.generate;

import dev.modelfleet.gguf.GgufFile;
import dev.modelfleet.gguf.GgufMetadata;
import dev.modelfleet.gguf.GgufReader;
import dev.modelfleet.gguf.GgufTensorInfo;
import dev.modelfleet.gguf.GgufTensorSpec;
import dev.modelfleet.gguf.GgufWriter;
import dev.modelfleet.gguf.quant.Quantization;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.Callable;

/**
 * Makes a realistic next version of a GGUF model ({@link DeriveSpec}): metadata edits, a fine-tune,
 * tensors added or removed. Streams: reads the source positionally, never whole.
 */
public final class ModelDeriver {
  private ModelDeriver() {}

  /**
   * Writes the derived model to {@code to} through a temporary file renamed into place ({@code to}
   * may be {@code from}).
   *
   * @throws dev.modelfleet.gguf.GgufFormatException if {@code from} is not a valid GGUF file
   * @throws IllegalArgumentException if the spec does not fit the model (a removed tensor that does
   *     not exist, an added one that does, a fine-tune of a type without a quantizer)
   * @throws IOException if reading or writing fails (no file is left at {@code to} then)
   */
  public static GgufFile derive(Path from, Path to, DeriveSpec spec) throws IOException {
    return derive(from, to, spec, ProgressListener.NONE, ModelGenerator.defaultThreads());
  }

  /**
   * As {@link #derive(Path, Path, DeriveSpec)}, with a listener and a thread count.
   *
   * @throws dev.modelfleet.gguf.GgufFormatException if {@code from} is not a valid GGUF file
   * @throws IllegalArgumentException if the spec does not fit the model
   * @throws IOException if reading or writing fails (no file is left at {@code to} then)
   */
  public static GgufFile derive(
      Path from, Path to, DeriveSpec spec, ProgressListener listener, int threads)
      throws IOException {
    try (GgufReader reader = GgufReader.open(from)) {
      Plan plan = plan(reader.file(), spec);
      return AtomicFile.write(to, out -> write(reader, plan, spec, out, listener, threads));
    }
  }

  private record Plan(GgufMetadata metadata, List<GgufTensorSpec> tensors) {}

  private static Plan plan(GgufFile source, DeriveSpec spec) {
    GgufMetadata.Builder m = source.metadata().toBuilder();
    spec.unset().forEach(m::remove);
    spec.set().forEach(m::put);
    for (String name : spec.removeTensors()) {
      if (source.tensor(name).isEmpty()) {
        throw new IllegalArgumentException("the model has no tensor '" + name + "' to remove");
      }
    }
    List<GgufTensorSpec> tensors = new ArrayList<>();
    for (GgufTensorInfo t : source.tensors()) {
      if (spec.removeTensors().contains(t.name())) {
        continue;
      }
      if (spec.finetunes(t.name()) && !Quantization.isSupported(t.type())) {
        throw new IllegalArgumentException(
            "cannot fine-tune tensor '" + t.name() + "': no quantizer for " + t.type());
      }
      tensors.add(t.spec());
    }
    for (GgufTensorSpec t : spec.addTensors()) {
      if (source.tensor(t.name()).isPresent() && !spec.removeTensors().contains(t.name())) {
        throw new IllegalArgumentException("the model already has a tensor '" + t.name() + "'");
      }
      if (!Quantization.isSupported(t.type())) {
        throw new IllegalArgumentException(
            "cannot generate tensor '" + t.name() + "': no quantizer for " + t.type());
      }
      tensors.add(t);
    }
    return new Plan(m.build(), tensors);
  }

  private static GgufFile write(
      GgufReader reader,
      Plan plan,
      DeriveSpec spec,
      OutputStream out,
      ProgressListener listener,
      int threads)
      throws IOException {
    GgufWriter w = GgufWriter.start(out, reader.file().version(), plan.metadata(), plan.tensors());
    long total = 0;
    List<Iterator<Callable<byte[]>>> parts = new ArrayList<>();
    for (GgufTensorSpec t : plan.tensors()) {
      total += t.byteSize();
      GgufTensorInfo source = reader.file().tensor(t.name()).orElse(null);
      if (source == null || spec.removeTensors().contains(t.name())) {
        parts.add(Weights.chunks(spec.seed() ^ 0x5EEDL, t));
      } else {
        parts.add(sourceChunks(reader, source, spec));
      }
    }
    ChunkPipeline.run(concat(parts), w, threads, total, listener);
    return w.finish();
  }

  /** The source tensor's bytes in row chunks, with fine-tune noise if the spec asks for it. */
  private static Iterator<Callable<byte[]>> sourceChunks(
      GgufReader reader, GgufTensorInfo t, DeriveSpec spec) {
    GgufTensorSpec ts = t.spec();
    boolean noise = spec.finetunes(t.name());
    int rowsPer = Weights.rowsPerChunk(ts);
    long rowBytes = t.type().byteSize(ts.rowLength());
    long count = Weights.chunkCount(ts);
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
        return () -> {
          long firstRow = c * rowsPer;
          int rows = (int) Math.min(rowsPer, ts.rowCount() - firstRow);
          byte[] bytes = new byte[(int) (rows * rowBytes)];
          reader.readTensor(t, firstRow * rowBytes, ByteBuffer.wrap(bytes));
          if (noise) {
            perturb(bytes, ts, rows, spec, c);
          }
          return bytes;
        };
      }
    };
  }

  private static void perturb(byte[] bytes, GgufTensorSpec t, int rows, DeriveSpec spec, long c) {
    int rowLength = (int) t.rowLength();
    int n = rows * rowLength;
    float[] w = new float[n];
    Quantization.dequantize(t.type(), bytes, 0, n, w, 0);
    Rng rng = new Rng(Rng.streamSeed(spec.seed(), "finetune/" + t.name(), c));
    float r = (float) spec.finetune();
    float[] z = new float[rowLength];
    for (int row = 0; row < rows; row++) {
      int base = row * rowLength;
      double sum = 0;
      for (int i = 0; i < rowLength; i++) {
        sum += (double) w[base + i] * w[base + i];
      }
      float sigma = r * (float) Math.sqrt(sum / rowLength);
      rng.nextGaussians(z, 0, rowLength);
      for (int i = 0; i < rowLength; i++) {
        w[base + i] += sigma * z[i];
      }
    }
    Quantization.quantize(t.type(), w, 0, n, bytes, 0);
  }

  private static Iterator<Callable<byte[]>> concat(List<Iterator<Callable<byte[]>>> parts) {
    return new Iterator<>() {
      int i;

      @Override
      public boolean hasNext() {
        while (i < parts.size() && !parts.get(i).hasNext()) {
          i++;
        }
        return i < parts.size();
      }

      @Override
      public Callable<byte[]> next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return parts.get(i).next();
      }
    };
  }
}
