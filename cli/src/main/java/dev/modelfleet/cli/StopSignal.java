package dev.modelfleet.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C and SIGTERM stop a command the way an interrupt does, not by halting it. Without this the
 * JVM runs its shutdown hooks and halts while the command is in the middle of a file: a killed
 * {@code delta apply} left a model-sized temporary file beside the target. Here a shutdown hook
 * interrupts the command's thread and waits a little for it to fail cleanly (the libraries delete
 * their temporary files and say what was interrupted), then lets the JVM exit with the signal's
 * status (130 for SIGINT, 143 for SIGTERM).
 */
final class StopSignal {
  /** How long the command gets to clean up; a stuck one is then halted as before. */
  private static final long GRACE_SECONDS = 10;

  private final CountDownLatch commandDone = new CountDownLatch(1);
  private volatile boolean stopping;

  /** Watches for a stop on behalf of the calling thread, which runs the command. */
  static StopSignal install() {
    StopSignal s = new StopSignal();
    Thread command = Thread.currentThread();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  if (s.commandDone.getCount() == 0) {
                    return; // our own System.exit: the command has already ended
                  }
                  s.stopping = true;
                  command.interrupt();
                  try {
                    s.commandDone.await(GRACE_SECONDS, TimeUnit.SECONDS);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "modelfleet-stop"));
    return s;
  }

  /** The command has returned (normally or not). */
  void commandDone() {
    commandDone.countDown();
  }

  /**
   * Whether the JVM is already exiting because of a signal. Then {@link System#exit} must not be
   * called: during shutdown it blocks for good.
   */
  boolean stopping() {
    return stopping;
  }
}
