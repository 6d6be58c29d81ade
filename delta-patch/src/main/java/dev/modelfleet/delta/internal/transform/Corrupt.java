package dev.modelfleet.delta.internal.transform;

import dev.modelfleet.delta.PatchException;

final class Corrupt {
  private Corrupt() {}

  static PatchException of(String message) {
    return new PatchException(PatchException.Reason.CORRUPT, message);
  }

  static void checkUnit(String name, int length, int unit) throws PatchException {
    if (length % unit != 0) {
      throw of(
          name
              + " transform of "
              + length
              + " bytes is not a whole number of "
              + unit
              + "-byte units");
    }
  }
}
