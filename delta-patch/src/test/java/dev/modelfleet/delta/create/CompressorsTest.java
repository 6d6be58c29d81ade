package dev.modelfleet.delta.create;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompressorsTest {
  private static final int RUNS = 100;

  /** {@code zeroRuns} of 100 runs all zero, the others with one non-zero byte at {@code at}. */
  private static byte[] payload(int zeroRuns, int at) {
    byte[] b = new byte[RUNS * Compressors.RUN + 7];
    for (int i = zeroRuns; i < RUNS; i++) {
      b[i * Compressors.RUN + at] = 1;
    }
    return b;
  }

  @Test
  void aPayloadIsSparseWhenMoreThanTheThresholdOfItsRunsAreZero() {
    int limit = (int) (Compressors.SPARSE_ABOVE * RUNS);
    for (int at : new int[] {0, 13, Compressors.RUN - 1}) {
      assertThat(Compressors.sparse(payload(limit + 1, at), RUNS * Compressors.RUN)).isTrue();
      assertThat(Compressors.sparse(payload(limit, at), RUNS * Compressors.RUN)).isFalse();
    }
  }

  @Test
  void onlyWholeRunsWithinTheSizeCount() {
    byte[] b = payload(RUNS, 0);
    b[RUNS * Compressors.RUN] = 1; // in the tail, which is not a whole run
    assertThat(Compressors.sparse(b, b.length)).isTrue();
    assertThat(Compressors.sparse(b, Compressors.RUN - 1)).isFalse();
    assertThat(Compressors.sparse(b, 0)).isFalse();
  }

  @Test
  void eachKindOfPayloadGetsItsOwnSetUp() {
    try (Compressors c = new Compressors(5)) {
      byte[] sparse = payload(RUNS, 0);
      byte[] dense = payload(0, 5);
      assertThat(c.residualFor(sparse, sparse.length)).isSameAs(c.sparseResidual);
      assertThat(c.residualFor(dense, dense.length)).isSameAs(c.residual);
    }
  }
}
