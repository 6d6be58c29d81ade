package dev.modelfleet.signing.oms;

import dev.modelfleet.signing.hashing.ByteRange;
import dev.modelfleet.signing.hashing.FileDigests;
import dev.modelfleet.signing.hashing.HashListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Turns model files into resources: one per file or one per shard, hashed in parallel. */
final class Hashing {
  private Hashing() {}

  /** Resource names and byte ranges for {@code files}, sorted by name. */
  public static List<Named> plan(List<ModelFile> files, Serialization s) {
    List<Named> out = new ArrayList<>();
    for (ModelFile f : files) {
      if (s.method() == Serialization.Method.FILES) {
        out.add(new Named(f.name(), new ByteRange(f.path(), 0, f.size())));
      } else {
        // Empty files produce no shard (OMS §6.3.2).
        for (long start = 0; start < f.size(); start += s.shardSize()) {
          long end = Math.min(f.size(), start + s.shardSize());
          out.add(
              new Named(f.name() + ":" + start + ":" + end, new ByteRange(f.path(), start, end)));
        }
      }
    }
    out.sort(Comparator.comparing(Named::name, ModelTree::byCodePoint));
    return out;
  }

  /** Hashes every planned range; big ranges are started first so threads finish together. */
  public static List<Resource> hash(List<Named> plan, int parallelism, HashListener listener)
      throws IOException {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingLong((Integer i) -> plan.get(i).range().length()).reversed());
    List<ByteRange> ranges = new ArrayList<>();
    for (int i : order) {
      ranges.add(plan.get(i).range());
    }
    List<String> digests = FileDigests.sha256All(ranges, parallelism, listener);
    String[] byIndex = new String[plan.size()];
    for (int k = 0; k < order.size(); k++) {
      byIndex[order.get(k)] = digests.get(k);
    }
    List<Resource> out = new ArrayList<>(plan.size());
    for (int i = 0; i < plan.size(); i++) {
      out.add(new Resource(plan.get(i).name(), Statements.SHA256, byIndex[i]));
    }
    return out;
  }

  /** A resource name and the bytes it covers. */
  public record Named(String name, ByteRange range) {}
}
