package dev.modelfleet.signing;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/** A deterministic "SecureRandom" for tests and golden files: never use outside tests. */
public final class SeededRandom extends SecureRandom {
  private static final long serialVersionUID = 1L;
  private final transient SplittableRandom random;

  public SeededRandom(long seed) {
    super(new byte[0]);
    this.random = new SplittableRandom(seed);
  }

  @Override
  public synchronized void nextBytes(byte[] bytes) {
    random.nextBytes(bytes);
  }

  @Override
  public void setSeed(long seed) {
    // SecureRandom's constructor calls this before our field exists; seeding is fixed at creation.
  }

  @Override
  public byte[] generateSeed(int numBytes) {
    byte[] b = new byte[numBytes];
    nextBytes(b);
    return b;
  }

  public static SigningKey key(KeyAlgorithm alg, long seed) {
    return SigningKey.generate(alg, new SeededRandom(seed));
  }
}
