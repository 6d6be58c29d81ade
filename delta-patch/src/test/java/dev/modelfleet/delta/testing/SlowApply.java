package dev.modelfleet.delta.testing;

import dev.modelfleet.delta.apply.ApplyListener;

/** An apply slowed down at every section, like a busy device: gives tests time to stop it. */
public final class SlowApply {
  private SlowApply() {}

  /** A listener that sleeps {@code millis} after each written section (keeping an interrupt). */
  public static ApplyListener listener(long millis) {
    return new ApplyListener() {
      @Override
      public void progress(long written, long targetSize) {
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
  }
}
