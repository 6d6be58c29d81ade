import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.SplittableRandom;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * ADR 0012, option 2, measured: the inner kernel of a K-quant transform (5-bit codes predicted
 * from the old ones with a sub-block's 16.16 fixed-point ratio and offset, clamped, plus zigzag
 * residuals) as the project's scalar SWAR code runs it (a copy of BlockCodec.predict8 and next8:
 * this file runs on its own with the source launcher) against the Vector API (jdk.incubator.vector).
 * Every version's output is checked against the scalar one before it is timed.
 *
 * <p>Run: bench/delta/vector-kernels.sh [JAVA_HOME ...]
 */
public class PredictKernels {
  static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  static final long LOW_BITS = 0x0101010101010101L;
  static final int BITS = 5, TOP = 31;
  static final long MASK = ((1L << BITS) - 1) * LOW_BITS;

  static long predict8(long codes, int r, int shc) {
    long p = 0;
    for (int i = 0; i < 64; i += 8) {
      int c = (int) (codes >>> i) & 0xFF;
      p |= (long) Math.max(0, Math.min((c * r + shc) >> 16, TOP)) << i;
    }
    return p;
  }

  static long unzigzag(long z) {
    return (z >>> 1 & 0x7F7F7F7F7F7F7F7FL) ^ ((z & LOW_BITS) * ((1 << BITS) - 1));
  }

  static void scalar(byte[] in, byte[] res, int[] r, int[] shc, byte[] out) {
    for (int sb = 0; sb < r.length; sb++) {
      int rr = r[sb], ss = shc[sb];
      for (int i = 32 * sb; i < 32 * sb + 32; i += 8) {
        long p = predict8((long) LONG.get(in, i), rr, ss);
        LONG.set(out, i, (p + unzigzag((long) LONG.get(res, i))) & MASK);
      }
    }
  }

  static final VectorSpecies<Byte> B8 = ByteVector.SPECIES_64;
  static final VectorSpecies<Integer> I8 = IntVector.SPECIES_256;
  static final VectorSpecies<Byte> B16 = ByteVector.SPECIES_128;
  static final VectorSpecies<Integer> I16 = IntVector.SPECIES_512;

  // Two copies that differ in their species: C2 only turns Vector API calls into vector
  // instructions when the species is a constant, so a method taking it as a parameter would time
  // the fallback instead.
  static void vector256(byte[] in, byte[] res, int[] r, int[] shc, byte[] out) {
    for (int sb = 0; sb < r.length; sb++) {
      int rr = r[sb], ss = shc[sb];
      for (int i = 32 * sb; i < 32 * sb + 32; i += 8) {
        IntVector c = (IntVector) ByteVector.fromArray(B8, in, i).convertShape(VectorOperators.B2I, I8, 0);
        IntVector p = c.mul(rr).add(ss).lanewise(VectorOperators.ASHR, 16).max(0).min(TOP);
        ByteVector pb = (ByteVector) p.convertShape(VectorOperators.I2B, B8, 0);
        ByteVector z = ByteVector.fromArray(B8, res, i);
        ByteVector d = z.lanewise(VectorOperators.LSHR, 1).lanewise(VectorOperators.XOR, z.and((byte) 1).neg());
        pb.add(d).and((byte) TOP).intoArray(out, i);
      }
    }
  }

  static void vector512(byte[] in, byte[] res, int[] r, int[] shc, byte[] out) {
    for (int sb = 0; sb < r.length; sb++) {
      int rr = r[sb], ss = shc[sb];
      for (int i = 32 * sb; i < 32 * sb + 32; i += 16) {
        IntVector c = (IntVector) ByteVector.fromArray(B16, in, i).convertShape(VectorOperators.B2I, I16, 0);
        IntVector p = c.mul(rr).add(ss).lanewise(VectorOperators.ASHR, 16).max(0).min(TOP);
        ByteVector pb = (ByteVector) p.convertShape(VectorOperators.I2B, B16, 0);
        ByteVector z = ByteVector.fromArray(B16, res, i);
        ByteVector d = z.lanewise(VectorOperators.LSHR, 1).lanewise(VectorOperators.XOR, z.and((byte) 1).neg());
        pb.add(d).and((byte) TOP).intoArray(out, i);
      }
    }
  }

  interface Kernel { void run(byte[] in, byte[] res, int[] r, int[] shc, byte[] out); }

  public static void main(String[] args) {
    int n = 32 << 20; // 32 Mi codes per pass
    SplittableRandom rnd = new SplittableRandom(42);
    byte[] in = new byte[n], res = new byte[n];
    for (int i = 0; i < n; i++) { in[i] = (byte) rnd.nextInt(32); res[i] = (byte) Math.min(31, Math.abs((int) (rnd.nextGaussian() * 3)) ); }
    int[] r = new int[n / 32], shc = new int[n / 32];
    for (int i = 0; i < r.length; i++) { r[i] = 65536 + rnd.nextInt(-3000, 3000); shc[i] = 32768 + rnd.nextInt(-20000, 20000); }
    byte[] ref = new byte[n], out = new byte[n];
    scalar(in, res, r, shc, ref);
    String[] names = {"scalar SWAR (BlockCodec's code)", "Vector API, 8 lanes (256-bit ints)", "Vector API, 16 lanes (512-bit ints)"};
    Kernel[] ks = {PredictKernels::scalar, PredictKernels::vector256, PredictKernels::vector512};
    for (int k = 0; k < ks.length; k++) {
      Arrays.fill(out, (byte) 0);
      ks[k].run(in, res, r, shc, out);
      if (!Arrays.equals(ref, out)) throw new AssertionError(names[k] + " differs from the scalar code");
    }
    int rounds = Integer.parseInt(args.length > 0 ? args[0] : "15");
    for (int k = 0; k < ks.length; k++) {
      double best = Double.MAX_VALUE;
      for (int i = 0; i < rounds; i++) {
        long t0 = System.nanoTime();
        ks[k].run(in, res, r, shc, out);
        best = Math.min(best, (System.nanoTime() - t0) / (double) n);
      }
      System.out.printf("%-38s %6.3f ns/code  (%5.0f M codes/s, best of %d)%n", names[k], best, 1000 / best, rounds);
    }
  }
}
