package dev.modelfleet.delta.internal.transform;

import dev.modelfleet.delta.PatchException;
import dev.modelfleet.delta.internal.bytes.ByteBuilder;
import java.util.Arrays;

/**
 * The block transform of 5- and 6-bit K-quants (Q5_K, Q6_K) with the quant codes held as one byte
 * each, so that prediction residuals, their zigzag symbols and the nibble packing are worked out 8
 * codes at a time in a {@code long}. Most blocks of a fine-tune change, so this per-code work is
 * what the encoder and the applier spend their time on. The result is exactly that of {@link
 * #encodeGeneric} and {@link #applyGeneric} (tests compare them byte for byte).
 */
abstract class ByteCodesCodec extends BlockCodec {
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGH = 0x8080808080808080L;

  /** {@code q(code) = code + qBias} and {@code code(q) = q − qBias} (checked below). */
  private final int qBias;

  /** The {@code bits}-wide code mask in every byte. */
  private final long codeMask;

  /** The zigzag flip for a negative residual: {@code 2v ^ zigFlip = 2·(2^bits − v) − 1}. */
  private final int zigFlip;

  ByteCodesCodec(
      String name,
      int blockBytes,
      int bits,
      int subBlocks,
      int qMin,
      int qMax,
      int[] fieldOffsets,
      int[] fieldWidths,
      int quantAreaOffset) {
    super(
        name,
        blockBytes,
        256,
        bits,
        subBlocks,
        qMin,
        qMax,
        fieldOffsets,
        fieldWidths,
        quantAreaOffset);
    if (bits != 5 && bits != 6) {
      throw new IllegalArgumentException(name + " codes are not 5 or 6 bits wide");
    }
    this.qBias = q(0);
    for (int c = 0; c < 1 << bits; c++) {
      if (q(c) != c + qBias || code(q(c)) != c) {
        throw new IllegalArgumentException(name + " codes are not q shifted by a constant");
      }
    }
    for (int t : runStart) {
      if (t % 8 != 0) {
        throw new IllegalArgumentException(name + " sub-block runs are not multiples of 8 codes");
      }
    }
    if (qMin != qBias || qMax != qBias + (1 << bits) - 1) {
      throw new IllegalArgumentException(name + " values do not span its codes");
    }
    this.codeMask = ((1L << bits) - 1) * ONES;
    this.zigFlip = (1 << (bits + 1)) - 1;
  }

  /** Reads the block's 256 codes in the format's code order, one byte each. */
  abstract void unpackBytes(byte[] b, int off, byte[] codes);

  /** Writes 256 codes (one byte each, within {@code bits}) into the block's quant area. */
  abstract void packBytes(byte[] codes, byte[] b, int off);

  @Override
  public final void encode(
      byte[] old, int oldOff, byte[] neu, int newOff, int length, ByteBuilder out) {
    if (length % blockBytes != 0) {
      throw new IllegalArgumentException(
          name + " length " + length + " is not a multiple of " + blockBytes);
    }
    int n = length / blockBytes;
    int scalePos = out.reserve((int) basePayloadLength(n));
    int residualPos = scalePos + n * scaleBytes;
    byte[] o = out.array();
    ByteBuilder escapes = new ByteBuilder(64);
    State s = newState();
    byte[] pred = new byte[256];
    byte[] nc = new byte[256];
    for (int i = 0; i < n; i++) {
      int ob = oldOff + i * blockBytes;
      int nb = newOff + i * blockBytes;
      int res = residualPos + i * 128;
      if (Arrays.equals(old, ob, ob + blockBytes, neu, nb, nb + blockBytes)) {
        Arrays.fill(o, scalePos, scalePos + scaleBytes, (byte) 0);
        scalePos += scaleBytes;
        Arrays.fill(o, res, res + 128, (byte) 0);
        continue;
      }
      scalePos = writeScaleDeltas(old, ob, neu, nb, o, scalePos);
      params(old, ob, s.oldA, s.oldM);
      params(neu, nb, s.newA, s.newM);
      boolean allKeep = rescale(s, true);
      int qo = ob + quantAreaOffset;
      int qn = nb + quantAreaOffset;
      if (allKeep && Arrays.equals(old, qo, qo + quantAreaBytes, neu, qn, qn + quantAreaBytes)) {
        Arrays.fill(o, res, res + 128, (byte) 0);
        continue;
      }
      unpackBytes(old, ob, pred);
      predict(s, pred);
      unpackBytes(neu, nb, nc);
      writeResiduals(nc, pred, o, res, escapes);
    }
    out.write(escapes.array(), 0, escapes.size());
  }

  @Override
  public void apply(byte[] buf, int off, int length, byte[] payload, int pOff, int pLen)
      throws PatchException {
    int n = checkPayload(length, pLen);
    int scalePos = pOff;
    int residualPos = pOff + n * scaleBytes;
    int escPos = (int) (pOff + basePayloadLength(n));
    int escEnd = pOff + pLen;
    State s = newState();
    byte[] pred = new byte[256];
    byte[] nc = new byte[256];
    for (int i = 0; i < n; i++) {
      int bo = off + i * blockBytes;
      int res = residualPos + i * 128;
      boolean allKeep;
      if (isZero(payload, scalePos, scaleBytes)) {
        // Unchanged scale fields: the prediction is the old block.
        scalePos += scaleBytes;
        Arrays.fill(s.keep, true);
        allKeep = true;
      } else {
        params(buf, bo, s.oldA, s.oldM);
        scalePos = addScaleDeltas(buf, bo, payload, scalePos);
        params(buf, bo, s.newA, s.newM);
        allKeep = rescale(s, true);
      }
      if (allKeep && isZero(payload, res, 128)) {
        continue;
      }
      unpackBytes(buf, bo, pred);
      predict(s, pred);
      escPos = addResiduals(payload, res, escPos, escEnd, pred, nc);
      packBytes(nc, buf, bo);
    }
    if (escPos != escEnd) {
      throw escapesTrailing(name, escEnd - escPos);
    }
  }

  /**
   * Turns the old codes into the format's prediction, in place: codes of sub-blocks that keep every
   * quant stay, the others are the old values requantized with their sub-block's R and S. (Blocks
   * whose sub-blocks all keep pass through here as well: a separate branch for them made C2 of JDK
   * 17.0.15 crash compiling {@link #encode}, in {@code PhaseIdealLoop::identical_backtoback_ifs}.)
   */
  private void predict(State s, byte[] codes) {
    int top = (1 << bits) - 1;
    for (int g = 0; g < runSub.length; g++) {
      int t = runSub[g];
      if (s.keep[t]) {
        continue;
      }
      // ((c + qBias)·R + S + 32768) >> 16, clamped to qMin..qMax, minus qBias: one product of the
      // code and a clamp to the codes (an exact int sum, so wrapping in between does not matter).
      int r = s.r[t];
      int sh = s.s[t] + 32768 + qBias * r - qBias * ONE;
      for (int j = runStart[g]; j < runStart[g + 1]; j++) {
        codes[j] = (byte) Math.max(0, Math.min((codes[j] * r + sh) >> 16, top));
      }
    }
  }

  /**
   * Writes the zigzag nibbles of {@code nc − pred} (mod 2^bits, as signed values) at {@code
   * o[res..res + 128)}, and the escapes of symbols ≥ 15 in code order.
   */
  private void writeResiduals(byte[] nc, byte[] pred, byte[] o, int res, ByteBuilder escapes) {
    int signShift = bits - 1;
    for (int j = 0; j < 256; j += 8) {
      // Codes are below 128, so setting each byte's top bit keeps the subtraction within bytes.
      long v = (((long) Swar.LONG.get(nc, j) | HIGH) - (long) Swar.LONG.get(pred, j)) & codeMask;
      // Zigzag of the signed value: 2v when v < 2^(bits−1), else 2·(2^bits − v) − 1 = 2v ^ flip
      // (the product puts the flip into the bytes whose sign bit is set).
      long z = (v << 1) ^ (((v >>> signShift) & ONES) * zigFlip);
      // z < 128 in every byte; z + 113 reaches the top bit exactly when z ≥ 15.
      if (((z + 0x7171717171717171L) & HIGH) == 0) {
        Swar.INT.set(o, res + (j >> 1), pairNibbles(z));
        continue;
      }
      for (int k = 0; k < 8; k += 2) {
        int z0 = (int) (z >>> (8 * k)) & 0xFF;
        int z1 = (int) (z >>> (8 * k + 8)) & 0xFF;
        if (z0 >= 15) {
          escapes.write(z0 - 15);
          z0 = 15;
        }
        if (z1 >= 15) {
          escapes.write(z1 - 15);
          z1 = 15;
        }
        o[res + ((j + k) >> 1)] = (byte) (z0 | z1 << 4);
      }
    }
  }

  /**
   * Sets {@code nc} to {@code pred} plus the zigzag residual nibbles at {@code payload[res..]}
   * (with their escapes from {@code escPos}); returns the next escape position. Escapes are checked
   * in the reference's order, so a corrupt payload fails with the same exception.
   */
  private int addResiduals(byte[] payload, int res, int escPos, int escEnd, byte[] pred, byte[] nc)
      throws PatchException {
    int e = escPos;
    int mask = (1 << bits) - 1;
    for (int j = 0; j < 256; j += 8) {
      int x = (int) Swar.INT.get(payload, res + (j >> 1));
      long p = (long) Swar.LONG.get(pred, j);
      if (!Swar.hasNibble15(x)) {
        long z = spreadNibbles(x);
        // Zigzag back: z/2 for even z, its complement (−z/2 − 1) for odd z, mod 256 per byte.
        long r = ((z >>> 1) & 0x7F7F7F7F7F7F7F7FL) ^ ((z & ONES) * 0xFF);
        Swar.LONG.set(nc, j, Swar.addBytes(p, r) & codeMask);
        continue;
      }
      for (int k = 0; k < 8; k += 2) {
        int v = payload[res + ((j + k) >> 1)];
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
        nc[j + k] = (byte) ((pred[j + k] + ((z0 >>> 1) ^ -(z0 & 1))) & mask);
        nc[j + k + 1] = (byte) ((pred[j + k + 1] + ((z1 >>> 1) ^ -(z1 & 1))) & mask);
      }
    }
    return e;
  }

  /** Packs bytes 0, 2, 4, 6 (low nibble) and 1, 3, 5, 7 (high nibble) of {@code z} (< 16 each). */
  private static int pairNibbles(long z) {
    long x = (z | z >>> 4) & 0x00FF00FF00FF00FFL;
    x = (x | x >>> 8) & 0x0000FFFF0000FFFFL;
    return (int) (x | x >>> 16);
  }

  /** The inverse of {@link #pairNibbles}: the 8 nibbles of {@code x}, low one first, as bytes. */
  private static long spreadNibbles(int x) {
    long y = x & 0xFFFFFFFFL;
    y = (y | y << 16) & 0x0000FFFF0000FFFFL;
    y = (y | y << 8) & 0x00FF00FF00FF00FFL;
    return (y & 0x000F000F000F000FL) | ((y << 4) & 0x0F000F000F000F00L);
  }
}
