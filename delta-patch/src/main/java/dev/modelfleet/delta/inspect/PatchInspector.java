package dev.modelfleet.delta.inspect;

import com.github.luben.zstd.ZstdDecompressCtx;
import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.internal.format.OpCursor;
import dev.modelfleet.delta.internal.format.PatchFormat;
import dev.modelfleet.delta.internal.format.PatchHeader;
import dev.modelfleet.delta.internal.format.PatchReader;
import dev.modelfleet.delta.internal.format.Section;
import dev.modelfleet.delta.internal.io.Inputs;
import dev.modelfleet.delta.internal.transform.Transform;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads a whole patch and checks everything that can be checked without the source: the header,
 * every section's CRC, lengths and place, and every operation (copies and transforms against the
 * source size the header declares). Memory: one section at a time.
 */
public final class PatchInspector {
  private PatchInspector() {}

  /**
   * Reads and checks {@code patch}.
   *
   * @throws PatchException if the patch is not a patch, has an unknown version, is truncated or
   *     corrupt
   * @throws IOException if the file cannot be read
   */
  public static PatchInfo inspect(Path patch) throws IOException {
    try (InputStream in = new BufferedInputStream(Inputs.stream(patch), 1 << 16);
        ZstdDecompressCtx zstd = new ZstdDecompressCtx()) {
      PatchReader reader = new PatchReader(in);
      PatchHeader h = reader.readHeader();
      int sections = 0;
      int zstdSections = 0;
      long decoded = 0;
      Map<String, long[]> counts = new TreeMap<>();
      Section s;
      while ((s = reader.next()) != null) {
        sections++;
        if (s.header().codec() == PatchFormat.CODEC_ZSTD) {
          zstdSections++;
        }
        decoded += s.header().rawLength();
        byte[] raw = s.decode(zstd);
        OpCursor op =
            new OpCursor(raw, s.header().rawLength(), h.sourceSize(), s.header().targetLength());
        while (op.next()) {
          String kind =
              switch (op.op) {
                case PatchFormat.OP_COPY -> "copy";
                case PatchFormat.OP_LITERAL -> "literal";
                case PatchFormat.OP_DICT_LITERAL -> "dictionary-literal";
                default -> "transform:" + transformName(op.transform);
              };
          long[] c = counts.computeIfAbsent(kind, k -> new long[2]);
          c[0]++;
          c[1] += op.length;
        }
      }
      Map<String, PatchInfo.Count> ops = new LinkedHashMap<>();
      for (String k : new String[] {"copy", "literal", "dictionary-literal"}) {
        long[] c = counts.getOrDefault(k, new long[2]);
        ops.put(k, new PatchInfo.Count(c[0], c[1]));
      }
      counts.forEach(
          (k, c) -> {
            if (!ops.containsKey(k)) {
              ops.put(k, new PatchInfo.Count(c[0], c[1]));
            }
          });
      return new PatchInfo(
          PatchFormat.VERSION,
          reader.bytesRead(),
          h.sourceSize(),
          h.sourceSha256(),
          h.targetSize(),
          h.targetSha256(),
          sections,
          zstdSections,
          decoded,
          ops);
    }
  }

  private static String transformName(@Nullable Transform t) {
    return t == null ? "?" : t.name();
  }
}
