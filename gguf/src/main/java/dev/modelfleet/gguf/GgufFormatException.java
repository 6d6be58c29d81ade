package dev.modelfleet.gguf;

import java.io.IOException;

/**
 * A file is not a valid GGUF file (or uses something this library does not support). The message is
 * one sentence that names the byte offset where the problem was found.
 */
public final class GgufFormatException extends IOException {
  private static final long serialVersionUID = 1L;

  private final long offset;

  /**
   * @param problem what is wrong, without the offset (it is appended)
   * @param offset the byte offset in the file where the problem was found
   */
  public GgufFormatException(String problem, long offset) {
    super(problem + " at byte offset " + offset);
    this.offset = offset;
  }

  /** The byte offset in the file where the problem was found. */
  public long offset() {
    return offset;
  }
}
