package dev.modelfleet.delta.internal.transform;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.internal.bytes.ByteBuilder;
import java.util.Arrays;

/**
 * Transforms 5–9 (quantized ggml blocks): scale fields as differences; quant codes predicted from
 * the old block requantized with the new block's scales (16-bit fixed point), corrected by
 * residuals. The exact rules are in {@code docs/formats/delta.md}; subclasses describe one block
 * layout. {@link #encodeGeneric} and {@link #applyGeneric} implement the rules for every layout and
 * are the reference that faster subclass code is tested against.
 */
abstract class BlockCodec implements TransformCodec {
  static final int ONE = 65536;

  /** What {@link #applyPacked} returns for a type without a packed path. */
  static final int NOT_HANDLED = -1;

  private final String name;
  private final int blockBytes;
  private final int weights;
  private final int bits;
  private final int subBlocks;
  private final int qMin;
  private final int qMax;
  private final int maxAbsQ;

  /** Codes in runs that share a sub-block: run g is codes [runStart[g], runStart[g+1]). */
  private final int[] runStart;

  private final int[] runSub;
  private final int[] fieldOffsets;
  private final int[] fieldWidths;
  private final int scaleBytes;
  private final int quantAreaOffset;
  private final int quantAreaBytes;
  private final int[] qOfCode;
  private final int zero;
  private final int[] subOf;

  /** True when every code is its value shifted by a constant ({@code q(c) = c + q(0)}). */
  private final boolean shiftedCodes;

  BlockCodec(
      String name,
      int blockBytes,
      int weights,
      int bits,
      int subBlocks,
      int qMin,
      int qMax,
      int[] fieldOffsets,
      int[] fieldWidths,
      int quantAreaOffset) {
    this.name = name;
    this.blockBytes = blockBytes;
    this.weights = weights;
    this.bits = bits;
    this.subBlocks = subBlocks;
    this.qMin = qMin;
    this.qMax = qMax;
    this.maxAbsQ = Math.max(Math.abs(qMin), Math.abs(qMax));
    this.fieldOffsets = fieldOffsets.clone();
    this.fieldWidths = fieldWidths.clone();
    int s = 0;
    for (int w : fieldWidths) {
      s += w;
    }
    this.scaleBytes = s;
    this.quantAreaOffset = quantAreaOffset;
    this.quantAreaBytes = blockBytes - s;
    if (quantAreaBytes % 8 != 0) {
      // The nibble shortcuts work 8 bytes at a time (every ggml K-quant layout qualifies).
      throw new IllegalArgumentException(name + " quant area is not a multiple of 8 bytes");
    }
    this.qOfCode = new int[1 << bits];
    for (int c = 0; c < qOfCode.length; c++) {
      qOfCode[c] = q(c);
    }
    this.zero = code(0);
    this.subOf = subBlockOfCode();
    boolean shifted = qMin == q(0) && qMax == q(0) + (1 << bits) - 1;
    for (int c = 0; c < qOfCode.length; c++) {
      shifted &= qOfCode[c] == c + q(0) && code(qOfCode[c]) == c;
    }
    this.shiftedCodes = shifted;
    int runs = 1;
    for (int j = 1; j < weights; j++) {
      runs += subOf[j] != subOf[j - 1] ? 1 : 0;
    }
    this.runStart = new int[runs + 1];
    this.runSub = new int[runs];
    for (int j = 0, g = 0; j < weights; j++) {
      if (j == 0 || subOf[j] != subOf[j - 1]) {
        runStart[g] = j;
        runSub[g++] = subOf[j];
      }
    }
    runStart[runs] = weights;
  }

  /** Reads the block's quant codes (unsigned, {@code bits} wide) in the format's code order. */
  abstract void unpack(byte[] b, int off, int[] codes);

  /** Writes the codes into the block's quant area (every byte of it, nothing else). */
  abstract void pack(int[] codes, byte[] b, int off);

  /** The sub-block of each code. */
  abstract int[] subBlockOfCode();

  /** Computes {@code A[t]} and {@code M[t]} of every sub-block from the block's scale fields. */
  abstract void params(byte[] b, int off, double[] a, double[] m);

  /**
   * Encodes the residuals of a changed block straight from the packed bytes, 8 codes at a time,
   * into {@code out[outOff..]} (4-bit types: in the quant area's layout; wider ones: as {@link
   * ResidualPlane#pack}, with {@code escapes}); false if the type has no such path (the per-code
   * rules run instead). The prediction is the old codes where {@code allKeep} or {@code s.keep[t]},
   * {@link #predict8} elsewhere.
   */
  boolean encodePacked(
      byte[] old,
      int oldOff,
      byte[] neu,
      int newOff,
      State s,
      boolean allKeep,
      byte[] out,
      int outOff,
      ByteBuilder escapes) {
    return false;
  }

  /**
   * The inverse of {@link #encodePacked}: adds the residuals at {@code payload[nb..]} (escapes from
   * {@code escPos}) onto the block's predicted codes and returns the next escape position, or
   * {@link #NOT_HANDLED} if the type has no such path. The scale fields are already the new ones.
   */
  int applyPacked(
      byte[] buf, int off, byte[] payload, int nb, int escPos, int escEnd, State s, boolean allKeep)
      throws PatchException {
    return NOT_HANDLED;
  }

  /**
   * The prediction of 8 old codes of sub-block {@code t}, one per byte: the codes themselves where
   * the sub-block keeps its quants, {@link #predict8} elsewhere.
   */
  final long predicted8(long oldCodes, State s, boolean allKeep, int t) {
    return allKeep || s.keep[t] ? oldCodes : predict8(oldCodes, s.r[t], s.s[t]);
  }

  /**
   * 8 new codes of sub-block {@code t}, one per byte: the prediction from the old codes plus the
   * residual symbols {@code s.symbols[at, at + 8)} of a {@code bits}-bit type.
   */
  final long next8(long oldCodes, State s, boolean allKeep, int t, int at, int bits) {
    long z = (long) Swar.LONG.get(s.symbols, at);
    // Codes and residuals are below 2^bits ≤ 128: their byte-wise sums cannot carry.
    return (predicted8(oldCodes, s, allKeep, t) + ResidualPlane.unzigzag(z, bits))
        & ((1L << bits) - 1) * 0x0101010101010101L;
  }

  /**
   * The prediction of 8 codes held one per byte, for a type whose codes are shifted values, in a
   * sub-block with {@code R = r} and {@code S = sh} (what {@link #predictCodes} computes).
   */
  final long predict8(long codes, int r, int sh) {
    int top = qOfCode.length - 1;
    int shc = sh + 32768 + qMin * (r - ONE);
    long p = 0;
    for (int i = 0; i < 64; i += 8) {
      int c = (int) (codes >>> i) & 0xFF;
      p |= (long) Math.max(0, Math.min((c * r + shc) >> 16, top)) << i;
    }
    return p;
  }

  /** The signed value {@code q} of a code. */
  abstract int q(int code);

  /** The code of a signed value {@code q} within the type's range. */
  abstract int code(int q);

  @Override
  public int unit() {
    return blockBytes;
  }

  /** The payload length for {@code blocks} blocks without escapes. */
  final long basePayloadLength(long blocks) {
    return blocks * (scaleBytes + (bits == 4 ? quantAreaBytes : weights / 2));
  }

  @Override
  public void encode(byte[] old, int oldOff, byte[] neu, int newOff, int length, ByteBuilder out) {
    encodeBlocks(old, oldOff, neu, newOff, length, out, true);
  }

  @Override
  public void apply(byte[] buf, int off, int length, byte[] payload, int pOff, int pLen)
      throws PatchException {
    applyBlocks(buf, off, length, payload, pOff, pLen, true);
  }

  /** The reference encoder for every block type. */
  final void encodeGeneric(
      byte[] old, int oldOff, byte[] neu, int newOff, int length, ByteBuilder out) {
    encodeBlocks(old, oldOff, neu, newOff, length, out, false);
  }

  /** The reference inverse for every block type. */
  final void applyGeneric(byte[] buf, int off, int length, byte[] payload, int pOff, int pLen)
      throws PatchException {
    applyBlocks(buf, off, length, payload, pOff, pLen, false);
  }

  /** True if byte {@code i} of a block belongs to one of its scale fields. */
  final boolean isScaleByte(int i) {
    for (int f = 0; f < fieldOffsets.length; f++) {
      if (i >= fieldOffsets[f] && i < fieldOffsets[f] + fieldWidths[f]) {
        return true;
      }
    }
    return false;
  }

  /**
   * The format's rules, block by block; with {@code shortcuts}, blocks that are unchanged or whose
   * prediction keeps every quant skip the per-code work (the result is the same, which the tests
   * check against the plain rules).
   */
  private void encodeBlocks(
      byte[] old,
      int oldOff,
      byte[] neu,
      int newOff,
      int length,
      ByteBuilder out,
      boolean shortcuts) {
    if (length % blockBytes != 0) {
      throw new IllegalArgumentException(
          name + " length " + length + " is not a multiple of " + blockBytes);
    }
    int n = length / blockBytes;
    int scalePos = out.reserve((int) basePayloadLength(n));
    int residualPos = scalePos + n * scaleBytes;
    ByteBuilder escapes = new ByteBuilder(bits > 4 ? 64 : 0);
    State s = new State(weights, subBlocks);
    int signShift = 32 - bits;
    byte[] o = out.array();
    for (int i = 0; i < n; i++) {
      int ob = oldOff + i * blockBytes;
      int nb = newOff + i * blockBytes;
      if (shortcuts && Arrays.equals(old, ob, ob + blockBytes, neu, nb, nb + blockBytes)) {
        // What the rules give for an unchanged block: zero scale deltas, zero residuals.
        Arrays.fill(o, scalePos, scalePos + scaleBytes, (byte) 0);
        scalePos += scaleBytes;
        int r0 = bits == 4 ? residualPos + i * quantAreaBytes : residualPos + i * (weights / 2);
        Arrays.fill(o, r0, r0 + (bits == 4 ? quantAreaBytes : weights / 2), (byte) 0);
        continue;
      }
      for (int f = 0; f < fieldOffsets.length; f++) {
        int fo = fieldOffsets[f];
        if (fieldWidths[f] == 2) {
          int d = (read16(neu, nb + fo) - read16(old, ob + fo)) & 0xFFFF;
          o[scalePos++] = (byte) d;
          o[scalePos++] = (byte) (d >>> 8);
        } else {
          o[scalePos++] = (byte) (neu[nb + fo] - old[ob + fo]);
        }
      }
      params(old, ob, s.oldA, s.oldM);
      params(neu, nb, s.newA, s.newM);
      boolean allKeep = rescale(s, shortcuts);
      if (shortcuts && allKeep) {
        // The prediction is the old block: residuals are plain differences of the quant areas.
        int qo = ob + quantAreaOffset;
        int qn = nb + quantAreaOffset;
        if (bits == 4) {
          subNibbles(neu, qn, old, qo, o, residualPos + i * quantAreaBytes);
          continue;
        }
        if (Arrays.equals(old, qo, qo + quantAreaBytes, neu, qn, qn + quantAreaBytes)) {
          int base = residualPos + i * (weights / 2);
          Arrays.fill(o, base, base + weights / 2, (byte) 0);
          continue;
        }
      }
      if (shortcuts
          && encodePacked(
              old, ob, neu, nb, s, allKeep, o, residualPos + i * (weights / 2), escapes)) {
        continue;
      }
      unpack(old, ob, s.oldCodes);
      unpack(neu, nb, s.newCodes);
      predictCodes(s, allKeep);
      int[] pred = s.predicted;
      int[] nc = s.newCodes;
      int[] r = s.residuals;
      if (bits == 4) {
        for (int j = 0; j < weights; j++) {
          r[j] = (nc[j] - pred[j]) & 15;
        }
        pack(r, o, residualPos + i * quantAreaBytes - quantAreaOffset);
        continue;
      }
      int base = residualPos + i * (weights / 2);
      for (int j = 0; j < weights; j += 2) {
        // The b-bit residual as a signed value, then zigzag; without branches, which mispredict
        // on the mixed signs of a fine-tune's residuals.
        int v0 = (nc[j] - pred[j]) << signShift >> signShift;
        int v1 = (nc[j + 1] - pred[j + 1]) << signShift >> signShift;
        int z0 = (v0 << 1) ^ (v0 >> 31);
        int z1 = (v1 << 1) ^ (v1 >> 31);
        o[base + (j >> 1)] = ResidualPlane.packPair(z0, z1, escapes);
      }
    }
    out.write(escapes.array(), 0, escapes.size());
  }

  /**
   * The inverse, block by block; with {@code shortcuts}, blocks whose scale fields did not change
   * skip the prediction, and blocks whose prediction keeps every quant skip the per-code work.
   */
  private void applyBlocks(
      byte[] buf, int off, int length, byte[] payload, int pOff, int pLen, boolean shortcuts)
      throws PatchException {
    int n = checkPayload(length, pLen);
    long base = basePayloadLength(n);
    int scalePos = pOff;
    int residualPos = pOff + n * scaleBytes;
    int escPos = (int) (pOff + base);
    int escEnd = pOff + pLen;
    State s = new State(weights, subBlocks);
    int mask = (1 << bits) - 1;
    for (int i = 0; i < n; i++) {
      int bo = off + i * blockBytes;
      boolean allKeep;
      if (shortcuts && isZero(payload, scalePos, scaleBytes)) {
        // Unchanged scale fields give R = ONE and S = 0 in every sub-block: the prediction is the
        // old block (most blocks of a K-quant fine-tune), without decoding any scale.
        scalePos += scaleBytes;
        allKeep = true;
      } else {
        params(buf, bo, s.oldA, s.oldM);
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
        allKeep = rescale(s, shortcuts);
      }
      if (shortcuts && allKeep) {
        // The prediction is the old block (the scale fields and the quant area are disjoint).
        if (bits == 4) {
          addNibbles(buf, bo + quantAreaOffset, payload, residualPos + i * quantAreaBytes);
          continue;
        }
        if (isZero(payload, residualPos + i * (weights / 2), weights / 2)) {
          continue;
        }
      }
      if (shortcuts) {
        int next =
            applyPacked(
                buf, bo, payload, residualPos + i * (weights / 2), escPos, escEnd, s, allKeep);
        if (next != NOT_HANDLED) {
          escPos = next;
          continue;
        }
      }
      unpack(buf, bo, s.oldCodes);
      predictCodes(s, allKeep);
      int[] pred = s.predicted;
      int[] nc = s.newCodes;
      if (bits == 4) {
        int[] r = s.residuals;
        unpack(payload, residualPos + i * quantAreaBytes - quantAreaOffset, r);
        for (int j = 0; j < weights; j++) {
          nc[j] = (pred[j] + r[j]) & 15;
        }
        pack(nc, buf, bo);
        continue;
      }
      int nb = residualPos + i * (weights / 2);
      escPos = applyResiduals(payload, nb, escPos, escEnd, pred, nc, mask);
      pack(nc, buf, bo);
    }
    if (escPos != escEnd) {
      throw escapesTrailing(name, escEnd - escPos);
    }
  }

  /**
   * Sets {@code nc} to {@code pred} plus the zigzag residual nibbles at {@code payload[nb..]} (with
   * their escapes from {@code escPos}); returns the next escape position.
   */
  private int applyResiduals(
      byte[] payload, int nb, int escPos, int escEnd, int[] pred, int[] nc, int mask)
      throws PatchException {
    int e = escPos;
    for (int j = 0; j < weights; j += 2) {
      int v = payload[nb + (j >> 1)];
      int z0 = v & 15;
      int z1 = (v >> 4) & 15;
      if (z0 == 15) {
        if (e >= escEnd) {
          throw escapesCutOff(name);
        }
        z0 = 15 + (payload[e++] & 0xFF);
      }
      if (z1 == 15) {
        if (e >= escEnd) {
          throw escapesCutOff(name);
        }
        z1 = 15 + (payload[e++] & 0xFF);
      }
      if (z0 > mask || z1 > mask) {
        throw escapeOutOfRange(name);
      }
      nc[j] = (pred[j] + ((z0 >>> 1) ^ -(z0 & 1))) & mask;
      nc[j + 1] = (pred[j + 1] + ((z1 >>> 1) ^ -(z1 & 1))) & mask;
    }
    return e;
  }

  /** True if {@code len} bytes from {@code off} are all zero. */
  private static boolean isZero(byte[] b, int off, int len) {
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      if ((long) Swar.LONG.get(b, off + i) != 0) {
        return false;
      }
    }
    for (; i < len; i++) {
      if (b[off + i] != 0) {
        return false;
      }
    }
    return true;
  }

  /** Nibble-wise {@code (n − o) mod 16} of two quant areas, into {@code out[outOff..]}. */
  private void subNibbles(byte[] n, int nOff, byte[] o, int oOff, byte[] out, int outOff) {
    for (int i = 0; i < quantAreaBytes; i += 8) {
      long a = (long) Swar.LONG.get(n, nOff + i);
      long b = (long) Swar.LONG.get(o, oOff + i);
      Swar.LONG.set(out, outOff + i, Swar.subNibbles(a, b));
    }
  }

  /** Nibble-wise adds the residual area {@code r[ro..]} onto the quant area {@code b[bo..]}. */
  private void addNibbles(byte[] b, int bo, byte[] r, int ro) {
    for (int i = 0; i < quantAreaBytes; i += 8) {
      long a = (long) Swar.LONG.get(b, bo + i);
      Swar.LONG.set(b, bo + i, Swar.addNibbles(a, (long) Swar.LONG.get(r, ro + i)));
    }
  }

  /** Checks the length and the payload length against the base length; the block count. */
  final int checkPayload(int length, int pLen) throws PatchException {
    Corrupt.checkUnit(name, length, blockBytes);
    int n = length / blockBytes;
    long base = basePayloadLength(n);
    if (pLen < base || (bits == 4 && pLen != base)) {
      throw Corrupt.of(name + " transform of " + n + " blocks has a payload of " + pLen + " bytes");
    }
    return n;
  }

  /**
   * Computes each sub-block's R, S and whether it keeps every quant from both blocks' parameters;
   * true if every sub-block does.
   */
  private boolean rescale(State s, boolean shortcuts) {
    boolean allKeep = true;
    for (int t = 0; t < subBlocks; t++) {
      if (shortcuts && surelyKeeps(s.oldA[t], s.oldM[t], s.newA[t], s.newM[t])) {
        // R and S are only used by sub-blocks that do not keep their quants.
        s.r[t] = ONE;
        s.s[t] = 0;
        s.keep[t] = true;
        continue;
      }
      long rs = fixedPoint(s.oldA[t], s.oldM[t], s.newA[t], s.newM[t]);
      int r = (int) (rs >> 32);
      int sh = (int) rs;
      s.r[t] = r;
      s.s[t] = sh;
      s.keep[t] = keeps(r, sh, qMin, qMax);
      allKeep &= s.keep[t];
    }
    return allKeep;
  }

  /**
   * True when R and S certainly keep every quant, decided without dividing: with R* = 65536·a/a2
   * and S* = 65536·(m2 − m)/a2 before rounding, |S*| + max|q|·|R* − ONE| < 32000 leaves room for
   * both roundings (half a unit each, times max|q| ≤ 128) below the 32768 that {@link #keeps}
   * needs. Zero, infinite and NaN parameters fail the comparison and take the exact path.
   */
  private boolean surelyKeeps(double a, double m, double a2, double m2) {
    return 65536.0 * (Math.abs(m2 - m) + maxAbsQ * Math.abs(a - a2)) < 32000.0 * Math.abs(a2);
  }

  /** Fills {@code s.predicted} from the old codes and what {@link #rescale} computed. */
  private void predictCodes(State s, boolean allKeep) {
    int[] oc = s.oldCodes;
    int[] pred = s.predicted;
    if (allKeep) {
      System.arraycopy(oc, 0, pred, 0, weights);
      return;
    }
    int codeMask = qOfCode.length - 1;
    // Run by run of codes that share a sub-block: the keep test and R, S leave the inner loop.
    for (int g = 0; g < runSub.length; g++) {
      int t = runSub[g];
      int from = runStart[g];
      int to = runStart[g + 1];
      if (s.keep[t]) {
        System.arraycopy(oc, from, pred, from, to - from);
        continue;
      }
      int r = s.r[t];
      if (shiftedCodes) {
        // The same prediction on codes c = q − q(0): ((c + q(0))·R + S + 32768) >> 16, clamped to
        // qMin…qMax, minus q(0), is (c·R + S + 32768 + q(0)·(R − 65536)) >> 16 clamped to the
        // codes (subtracting a multiple of 65536 commutes with the shift; no sum overflows).
        int top = qOfCode.length - 1;
        int shc = s.s[t] + 32768 + qMin * (r - ONE);
        for (int j = from; j < to; j++) {
          pred[j] = Math.max(0, Math.min((oc[j] * r + shc) >> 16, top));
        }
        continue;
      }
      int sh = s.s[t] + 32768;
      for (int j = from; j < to; j++) {
        int p = (qOfCode[oc[j]] * r + sh) >> 16;
        p = p < qMin ? qMin : Math.min(p, qMax);
        pred[j] = (p + zero) & codeMask;
      }
    }
  }

  /**
   * The fixed-point rescaling {@code R} (high 32 bits) and {@code S} (low 32 bits) that maps old
   * values {@code q} to {@code (q·R + S + 32768) >> 16}, as the format defines them.
   */
  static long fixedPoint(double a, double m, double a2, double m2) {
    if (a2 == 0
        || !Double.isFinite(a)
        || !Double.isFinite(m)
        || !Double.isFinite(a2)
        || !Double.isFinite(m2)) {
      return (long) ONE << 32;
    }
    double r = clamp(Math.rint((a * 65536.0) / a2), 1 << 22);
    // Equal finite M give S = rint(±0 / a2) = 0: no division (every Q6_K and Q8_0 sub-block).
    double s = m2 == m ? 0 : clamp(Math.rint(((m2 - m) * 65536.0) / a2), 1 << 28);
    return ((long) (int) r << 32) | ((int) s & 0xFFFFFFFFL);
  }

  /**
   * The format's R for old and new fp16 scales {@code d0}, {@code d1} of a layout with M = 0 (so S
   * is 0), except that it returns {@link #ONE} whenever R is certainly within {@code keepBelow} of
   * ONE. Callers only use R to predict quants when {@code |R − ONE| ≥ keepBelow} (the prediction
   * keeps every quant otherwise), so the result is the same; it saves a division for every block
   * whose scale barely moved, which is most blocks of a fine-tune. {@code keepUlps} is {@link
   * #keepUlps keepUlps(keepBelow)}.
   */
  static int ratio(int d0, int d1, int keepBelow, int keepUlps) {
    if (d0 == d1 || closeNormals(d0, d1, keepUlps)) {
      return ONE;
    }
    double a = Fp16.value(d0);
    double a2 = Fp16.value(d1);
    double y = a * 65536.0;
    // Exact products (11-bit fp16 significand times a 17-bit integer): y / a2 lies strictly between
    // the bounds, and so does its correctly rounded quotient and that quotient's rint.
    double lo = (ONE - keepBelow + 1) * a2;
    double hi = (ONE + keepBelow - 1) * a2;
    if (a2 > 0 ? y > lo && y < hi : y < lo && y > hi) {
      return ONE;
    }
    if (a2 == 0 || !Double.isFinite(a) || !Double.isFinite(a2)) {
      return ONE;
    }
    return (int) clamp(Math.rint(y / a2), 1 << 22);
  }

  /**
   * True when {@code d0} and {@code d1} are normal fp16 numbers of one sign whose ratio is
   * certainly near 1 from their bits alone: consecutive normal fp16 magnitudes differ by a factor
   * of at most 1 + 2⁻¹⁰, so {@code keepUlps} steps apart means a ratio within (1 + 2⁻¹⁰)^±keepUlps.
   */
  private static boolean closeNormals(int d0, int d1, int keepUlps) {
    int e0 = d0 & 0x7C00;
    int e1 = d1 & 0x7C00;
    return ((d0 ^ d1) & 0x8000) == 0
        && e0 != 0
        && e1 != 0
        && e0 != 0x7C00
        && e1 != 0x7C00
        && Math.abs(d0 - d1) <= keepUlps;
  }

  /** A k with (1 + 2⁻¹⁰)^k < 1 + (keepBelow − 1)/65536, one less than the largest for margin. */
  static int keepUlps(int keepBelow) {
    double bound = Math.log1p((keepBelow - 1) / 65536.0);
    return (int) Math.floor(bound / Math.log1p(1.0 / 1024)) - 1;
  }

  private static double clamp(double v, int bound) {
    return v < -bound ? -bound : v > bound ? bound : v;
  }

  /**
   * True when {@code (q·r + s + 32768) >> 16 == q} for every q in {@code [lo, hi]}: the error term
   * {@code q·(r − 65536) + s} is linear in q, so checking both ends suffices.
   */
  static boolean keeps(int r, int s, int lo, int hi) {
    long slope = r - (long) ONE;
    return Math.abs(lo * slope + s) < 32768 && Math.abs(hi * slope + s) < 32768;
  }

  static int read16(byte[] b, int p) {
    return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8;
  }

  static PatchException escapeOutOfRange(String name) {
    return Corrupt.of(name + " transform has a residual escape out of range");
  }

  static PatchException escapesCutOff(String name) {
    return Corrupt.of(name + " transform payload ends inside its escape plane");
  }

  static PatchException escapesTrailing(String name, int extra) {
    return Corrupt.of(name + " transform payload has " + extra + " bytes after its escape plane");
  }

  /** Per-call scratch space (codecs are shared between threads). */
  static final class State {
    final int[] oldCodes;
    final int[] newCodes;
    final int[] predicted;
    final int[] residuals;
    final double[] oldA;
    final double[] oldM;
    final double[] newA;
    final double[] newM;
    final int[] r;
    final int[] s;
    final boolean[] keep;
    final byte[] symbols;

    State(int weights, int subBlocks) {
      oldCodes = new int[weights];
      newCodes = new int[weights];
      predicted = new int[weights];
      residuals = new int[weights];
      oldA = new double[subBlocks];
      oldM = new double[subBlocks];
      newA = new double[subBlocks];
      newM = new double[subBlocks];
      r = new int[subBlocks];
      s = new int[subBlocks];
      keep = new boolean[subBlocks];
      symbols = new byte[weights];
    }
  }
}
