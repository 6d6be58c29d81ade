package dev.modelfleet.delta.internal.transform;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.internal.bytes.ByteBuilder;

/**
 * Transforms 5–9 (quantized ggml blocks): scale fields as differences, quant codes predicted from
 * the old block rescaled to the new block's scales, residuals zigzag-coded in nibbles with an
 * escape plane. The exact rules are in {@code docs/formats/delta.md}; subclasses describe one block
 * layout.
 */
abstract class BlockCodec implements TransformCodec {
  private final String name;
  private final int blockBytes;
  private final int weights;
  private final int bits;
  private final int subBlocks;
  private final int qMin;
  private final int qMax;

  /** Offsets and widths (1 or 2 bytes) of the scale fields, in payload order. */
  private final int[] fieldOffsets;

  private final int[] fieldWidths;
  private final int scaleBytes;

  BlockCodec(
      String name,
      int blockBytes,
      int weights,
      int bits,
      int subBlocks,
      int qMin,
      int qMax,
      int[] fieldOffsets,
      int[] fieldWidths) {
    this.name = name;
    this.blockBytes = blockBytes;
    this.weights = weights;
    this.bits = bits;
    this.subBlocks = subBlocks;
    this.qMin = qMin;
    this.qMax = qMax;
    this.fieldOffsets = fieldOffsets.clone();
    this.fieldWidths = fieldWidths.clone();
    int s = 0;
    for (int w : fieldWidths) {
      s += w;
    }
    this.scaleBytes = s;
  }

  /** Reads the block's quant codes (unsigned, {@code bits} wide) in the format's code order. */
  abstract void unpack(byte[] b, int off, int[] codes);

  /** Writes the codes into the block's quant area (every byte of it). */
  abstract void pack(int[] codes, byte[] b, int off);

  /** The sub-block of each code. */
  abstract int[] subBlockOfCode();

  /** Computes {@code A[t]} and {@code M[t]} of every sub-block from the block's scale fields. */
  abstract void params(byte[] b, int off, double[] a, double[] m);

  /** The signed value {@code q} of a code. */
  abstract int q(int code);

  /** The code of a signed value {@code q} within the type's range. */
  abstract int code(int q);

  @Override
  public int unit() {
    return blockBytes;
  }

  int scaleBytes() {
    return scaleBytes;
  }

  /** The exact payload length for {@code blocks} blocks without escapes. */
  long basePayloadLength(long blocks) {
    return blocks * (scaleBytes + weights / 2);
  }

  @Override
  public void encode(byte[] old, int oldOff, byte[] neu, int newOff, int length, ByteBuilder out) {
    if (length % blockBytes != 0) {
      throw new IllegalArgumentException(
          name + " length " + length + " is not a multiple of " + blockBytes);
    }
    int n = length / blockBytes;
    int scalePos = out.reserve(n * (scaleBytes + weights / 2));
    int nibPos = scalePos + n * scaleBytes;
    ByteBuilder escapes = new ByteBuilder(bits > 4 ? 64 : 0);
    State s = new State(weights, subBlocks);
    int[] subOf = subBlockOfCode();
    int mask = (1 << bits) - 1;
    int half = 1 << (bits - 1);
    int k = 0;
    for (int i = 0; i < n; i++) {
      int ob = oldOff + i * blockBytes;
      int nb = newOff + i * blockBytes;
      byte[] o = out.array();
      for (int f = 0; f < fieldOffsets.length; f++) {
        int w = fieldWidths[f];
        int fo = fieldOffsets[f];
        if (w == 2) {
          int d = (read16(neu, nb + fo) - read16(old, ob + fo)) & 0xFFFF;
          o[scalePos++] = (byte) d;
          o[scalePos++] = (byte) (d >>> 8);
        } else {
          o[scalePos++] = (byte) (neu[nb + fo] - old[ob + fo]);
        }
      }
      unpack(old, ob, s.oldCodes);
      unpack(neu, nb, s.newCodes);
      predictors(old, ob, neu, nb, s);
      for (int j = 0; j < weights; j++) {
        int predicted = predict(s, subOf[j], s.oldCodes[j]);
        int r = (s.newCodes[j] - predicted) & mask;
        if (r >= half) {
          r -= 1 << bits;
        }
        int z = r >= 0 ? 2 * r : -2 * r - 1;
        int nibble;
        if (bits == 4 || z < 15) {
          nibble = z;
        } else {
          nibble = 15;
          escapes.write(z - 15);
        }
        if ((k & 1) == 0) {
          o[nibPos + (k >> 1)] = (byte) nibble;
        } else {
          o[nibPos + (k >> 1)] |= (byte) (nibble << 4);
        }
        k++;
      }
    }
    out.write(escapes.array(), 0, escapes.size());
  }

  @Override
  public void apply(byte[] buf, int off, int length, byte[] payload, int pOff, int pLen)
      throws PatchException {
    Corrupt.checkUnit(name, length, blockBytes);
    int n = length / blockBytes;
    long base = basePayloadLength(n);
    if (pLen < base || (bits == 4 && pLen != base)) {
      throw Corrupt.of(name + " transform of " + n + " blocks has a payload of " + pLen + " bytes");
    }
    int scalePos = pOff;
    int nibPos = pOff + n * scaleBytes;
    int escPos = (int) (pOff + base);
    int escEnd = pOff + pLen;
    State s = new State(weights, subBlocks);
    int[] subOf = subBlockOfCode();
    int mask = (1 << bits) - 1;
    int k = 0;
    for (int i = 0; i < n; i++) {
      int bo = off + i * blockBytes;
      params(buf, bo, s.oldA, s.oldM);
      unpack(buf, bo, s.oldCodes);
      for (int f = 0; f < fieldOffsets.length; f++) {
        int p = bo + fieldOffsets[f];
        if (fieldWidths[f] == 2) {
          int v = (read16(buf, p) + read16(payload, scalePos)) & 0xFFFF;
          buf[p] = (byte) v;
          buf[p + 1] = (byte) (v >>> 8);
          scalePos += 2;
        } else {
          buf[p] += payload[scalePos++];
        }
      }
      params(buf, bo, s.newA, s.newM);
      ratios(s);
      for (int j = 0; j < weights; j++) {
        int nibble = (payload[nibPos + (k >> 1)] >> ((k & 1) << 2)) & 15;
        k++;
        int z = nibble;
        if (bits > 4 && nibble == 15) {
          if (escPos >= escEnd) {
            throw Corrupt.of(name + " transform payload ends inside its escape plane");
          }
          z = 15 + (payload[escPos++] & 0xFF);
          if (z > mask) {
            throw Corrupt.of(name + " transform has a residual escape out of range");
          }
        }
        int r = (z >>> 1) ^ -(z & 1);
        s.newCodes[j] = (predict(s, subOf[j], s.oldCodes[j]) + r) & mask;
      }
      pack(s.newCodes, buf, bo);
    }
    if (escPos != escEnd) {
      throw Corrupt.of(
          name + " transform payload has " + (escEnd - escPos) + " bytes after its escape plane");
    }
  }

  private void predictors(byte[] old, int ob, byte[] neu, int nb, State s) {
    params(old, ob, s.oldA, s.oldM);
    params(neu, nb, s.newA, s.newM);
    ratios(s);
  }

  private void ratios(State s) {
    for (int t = 0; t < subBlocks; t++) {
      double ratio = s.oldA[t] / s.newA[t];
      double shift = (s.newM[t] - s.oldM[t]) / s.newA[t];
      if (!Double.isFinite(ratio) || !Double.isFinite(shift)) {
        s.mode[t] = State.KEEP;
      } else if (ratio == 1.0 && shift == 0.0) {
        s.mode[t] = State.KEEP;
      } else {
        s.mode[t] = State.RESCALE;
        s.ratio[t] = ratio;
        s.shift[t] = shift;
      }
    }
  }

  private int predict(State s, int t, int oldCode) {
    if (s.mode[t] == State.KEEP) {
      return oldCode;
    }
    double v = Math.rint(q(oldCode) * s.ratio[t] + s.shift[t]);
    int p = v <= qMin ? qMin : v >= qMax ? qMax : (int) v;
    return code(p);
  }

  static int read16(byte[] b, int p) {
    return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
  }

  /** Per-call scratch space (codecs are shared between threads). */
  private static final class State {
    static final byte KEEP = 0;
    static final byte RESCALE = 1;
    final int[] oldCodes;
    final int[] newCodes;
    final double[] oldA;
    final double[] oldM;
    final double[] newA;
    final double[] newM;
    final double[] ratio;
    final double[] shift;
    final byte[] mode;

    State(int weights, int subBlocks) {
      oldCodes = new int[weights];
      newCodes = new int[weights];
      oldA = new double[subBlocks];
      oldM = new double[subBlocks];
      newA = new double[subBlocks];
      newM = new double[subBlocks];
      ratio = new double[subBlocks];
      shift = new double[subBlocks];
      mode = new byte[subBlocks];
    }
  }
}
