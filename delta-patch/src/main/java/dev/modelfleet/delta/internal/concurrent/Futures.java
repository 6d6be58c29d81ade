package dev.modelfleet.delta.internal.concurrent;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waiting for the encoder's and applier's worker tasks without wrapping their failures. */
public final class Futures {
  private Futures() {}

  /**
   * The task's result; its own exception if it failed (an {@link IOException} such as "corrupt
   * section" must reach the caller as itself, not as an {@link ExecutionException}).
   *
   * @param doing what the caller was doing, for the message when the wait is interrupted
   */
  public static <T> T await(Future<T> f, String doing) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException ie = new InterruptedIOException("interrupted while " + doing);
      ie.initCause(e);
      throw ie;
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) {
        throw io;
      } else if (c instanceof RuntimeException re) {
        throw re;
      } else if (c instanceof Error err) {
        throw err;
      }
      throw new IOException(c);
    }
  }
}
