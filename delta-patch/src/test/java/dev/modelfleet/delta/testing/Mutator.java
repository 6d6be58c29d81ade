package dev.modelfleet.delta.testing;

import com.github.luben.zstd.Zstd;
import dev.modelfleet.delta.internal.bytes.Le;
import dev.modelfleet.delta.internal.format.PatchFormat;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Mutates valid patches for fuzzing: blind byte edits (which checksums catch), section shuffles,
 * and structure-aware edits that re-checksum a section after changing its decoded operations or its
 * header fields (which only the operation checks and the final SHA-256 can catch).
 */
public final class Mutator {
  private final SplittableRandom r;

  public Mutator(long seed) {
    r = new SplittableRandom(seed);
  }

  /** The kind of the last mutation, for statistics. */
  public String lastKind = "";

  public byte[] mutate(byte[] patch) {
    int pick = r.nextInt(100);
    if (pick < 35) {
      return bytes(patch);
    } else if (pick < 50) {
      return sections(patch);
    } else if (pick < 60) {
      return header(patch);
    }
    return operations(patch);
  }

  private byte[] bytes(byte[] p) {
    byte[] b = p.clone();
    switch (r.nextInt(6)) {
      case 0 -> {
        lastKind = "bit flips";
        int n = 1 + r.nextInt(4);
        for (int i = 0; i < n; i++) {
          int at = r.nextInt(b.length);
          b[at] ^= (byte) (1 << r.nextInt(8));
        }
        return b;
      }
      case 1 -> {
        lastKind = "byte set";
        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
        return b;
      }
      case 2 -> {
        lastKind = "truncate";
        return Arrays.copyOf(b, r.nextInt(b.length));
      }
      case 3 -> {
        lastKind = "insert";
        int at = r.nextInt(b.length + 1);
        return splice(b, at, at, TestFiles.random(r.nextLong(), 1 + r.nextInt(64)));
      }
      case 4 -> {
        lastKind = "delete";
        int at = r.nextInt(b.length);
        return splice(b, at, Math.min(b.length, at + 1 + r.nextInt(64)), new byte[0]);
      }
      default -> {
        lastKind = "duplicate range";
        int at = r.nextInt(b.length);
        int len = Math.min(b.length - at, 1 + r.nextInt(256));
        int to = r.nextInt(b.length + 1);
        return splice(b, to, to, Arrays.copyOfRange(b, at, at + len));
      }
    }
  }

  private byte[] sections(byte[] p) {
    List<byte[]> s = split(p);
    int n = s.size() - 2; // header and end
    if (n < 1) {
      return bytes(p);
    }
    int i = 1 + r.nextInt(n);
    int j = 1 + r.nextInt(n);
    switch (r.nextInt(4)) {
      case 0 -> {
        lastKind = "drop section";
        s.remove(i);
      }
      case 1 -> {
        lastKind = "repeat section";
        s.add(i, s.get(i));
      }
      case 2 -> {
        lastKind = "swap sections";
        byte[] t = s.get(i);
        s.set(i, s.get(j));
        s.set(j, t);
      }
      default -> {
        lastKind = "early end";
        byte[] end = s.get(s.size() - 1);
        s.add(i, end);
      }
    }
    return join(s);
  }

  private byte[] header(byte[] p) {
    byte[] b = p.clone();
    lastKind = "header field";
    int[] fields = {16, 24, 56, 64};
    int f = fields[r.nextInt(fields.length)];
    if (f == 16 || f == 56) {
      long v = Le.u64(b, f);
      long[] choices = {v + 1, v - 1, 0, 1L << 62, v * 2, v + (1L << 32)};
      Le.put64(b, f, choices[r.nextInt(choices.length)]);
    } else {
      b[f + r.nextInt(32)] ^= (byte) (1 << r.nextInt(8));
    }
    CRC32C c = new CRC32C();
    c.update(b, 0, 96);
    Le.put32(b, 96, c.getValue());
    return b;
  }

  private byte[] operations(byte[] p) {
    List<byte[]> s = split(p);
    if (s.size() < 3) {
      return bytes(p);
    }
    int i = 1 + r.nextInt(s.size() - 2);
    byte[] sec = s.get(i);
    byte[] h = Arrays.copyOf(sec, 32);
    int codec = h[1];
    int stored = (int) Le.u32(h, 4);
    int rawLength = (int) Le.u32(h, 8);
    byte[] payload = Arrays.copyOfRange(sec, 32, 32 + stored);
    byte[] raw = codec == PatchFormat.CODEC_ZSTD ? Zstd.decompress(payload, rawLength) : payload;
    long targetLength = Le.u64(h, 24);
    if (r.nextInt(4) == 0) {
      lastKind = "section header field";
      switch (r.nextInt(3)) {
        case 0 -> targetLength += r.nextBoolean() ? 1 : -1;
        case 1 -> targetLength = r.nextInt(3) == 0 ? 0 : targetLength * 2;
        default -> Le.put64(h, 16, Le.u64(h, 16) + (r.nextBoolean() ? 1 : -1));
      }
    } else {
      lastKind = "operations";
      raw = raw.clone();
      if (raw.length == 0) {
        return bytes(p);
      }
      switch (r.nextInt(5)) {
        case 0 -> raw[r.nextInt(raw.length)] ^= (byte) (1 << r.nextInt(8));
        case 1 -> raw[r.nextInt(Math.min(raw.length, 24))] = (byte) r.nextInt(256);
        case 2 -> raw = Arrays.copyOf(raw, r.nextInt(raw.length));
        case 3 -> {
          int at = r.nextInt(raw.length + 1);
          raw = splice(raw, at, at, TestFiles.random(r.nextLong(), 1 + r.nextInt(8)));
        }
        default -> {
          // A plausible varint in the first operation's fields: lengths and offsets.
          int at = 1 + r.nextInt(Math.min(raw.length, 12));
          if (at < raw.length) {
            raw[at] = (byte) (r.nextBoolean() ? 0x80 | r.nextInt(128) : r.nextInt(128));
          }
        }
      }
    }
    s.set(i, section(h, raw, targetLength));
    return join(s);
  }

  /** A section with the given header fields and decoded payload, stored, correctly checksummed. */
  private static byte[] section(byte[] h, byte[] raw, long targetLength) {
    byte[] out = new byte[32 + raw.length + 4];
    System.arraycopy(h, 0, out, 0, 32);
    out[1] = PatchFormat.CODEC_STORED;
    Le.put32(out, 4, raw.length);
    Le.put32(out, 8, raw.length);
    Le.put64(out, 24, targetLength);
    System.arraycopy(raw, 0, out, 32, raw.length);
    CRC32C c = new CRC32C();
    c.update(out, 0, 32 + raw.length);
    Le.put32(out, 32 + raw.length, c.getValue());
    return out;
  }

  /** Header, sections and end section of a valid patch. */
  static List<byte[]> split(byte[] p) {
    List<byte[]> parts = new ArrayList<>();
    parts.add(Arrays.copyOf(p, PatchFormat.HEADER_SIZE));
    int at = PatchFormat.HEADER_SIZE;
    while (at < p.length) {
      int stored = (int) Le.u32(p, at + 4);
      int len = 32 + stored + 4;
      parts.add(Arrays.copyOfRange(p, at, at + len));
      at += len;
    }
    return parts;
  }

  static byte[] join(List<byte[]> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    parts.forEach(out::writeBytes);
    return out.toByteArray();
  }

  static byte[] splice(byte[] b, int from, int to, byte[] insert) {
    byte[] out = new byte[b.length - (to - from) + insert.length];
    System.arraycopy(b, 0, out, 0, from);
    System.arraycopy(insert, 0, out, from, insert.length);
    System.arraycopy(b, to, out, from + insert.length, b.length - to);
    return out;
  }
}
