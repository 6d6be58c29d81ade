package dev.modelfleet.delta.create;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The read-ahead bound: no more arrays than allowed, and the planner waits for one to come back.
 */
class PieceArraysTest {

  @Test
  void aTakeBeyondTheBoundWaitsUntilAnArrayComesBack() throws Exception {
    PieceArrays arrays = new PieceArrays(2, 1000);
    byte[] a = arrays.take(900);
    byte[] b = arrays.take(1000);
    assertThat(a).hasSize(900);
    CompletableFuture<byte[]> third =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return arrays.take(800);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            });
    Thread.sleep(200);
    assertThat(third).isNotDone();
    arrays.give(a);
    assertThat(third.get(10, TimeUnit.SECONDS)).isSameAs(a);
    arrays.give(b);
  }

  @Test
  void aReturnedArrayTooShortForTheNextPieceIsReplaced() throws Exception {
    PieceArrays arrays = new PieceArrays(1, 1000);
    byte[] small = arrays.take(10);
    arrays.give(small);
    byte[] big = arrays.take(1000);
    assertThat(big).hasSize(1000);
    arrays.give(big);
    assertThat(arrays.take(500)).isSameAs(big);
  }

  @Test
  void aPieceOverTheLengthIsRefused() {
    PieceArrays arrays = new PieceArrays(1, 1000);
    assertThatThrownBy(() -> arrays.take(1001)).isInstanceOf(IllegalArgumentException.class);
  }
}
