package dev.modelfleet.delta.internal.concurrent;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;

/**
 * One exception for a cancelled apply or encode. An interrupt surfaces from wherever the thread
 * happened to block: a {@link ClosedByInterruptException} (no message, and not an {@link
 * InterruptedIOException}) from a file read, or "interrupted while hashing" from a queue. Callers
 * that cancel want to catch one type and read what happened to their files.
 */
public final class Interrupts {
  private Interrupts() {}

  /**
   * {@code e} as an {@link InterruptedIOException} saying what was cancelled and what was kept, if
   * it comes from interrupting this thread (which stays interrupted); otherwise {@code e} itself. A
   * stream's timeout (also an {@code InterruptedIOException}) is not a cancellation and passes.
   */
  public static IOException cancelledOr(IOException e, String cancelled) {
    boolean interrupt =
        e instanceof ClosedByInterruptException
            || (e instanceof InterruptedIOException && Thread.currentThread().isInterrupted());
    if (!interrupt) {
      return e;
    }
    Thread.currentThread().interrupt();
    InterruptedIOException c = new InterruptedIOException(cancelled);
    c.initCause(e);
    return c;
  }
}
