package dev.modelfleet.delta.internal.format;

/** Constants of patch format version 1. */
public final class PatchFormat {
  /** {@code \x89MFD\r\n\x1a\n}: not text, catches line-ending and 7-bit mangling, like PNG's. */
  static final byte[] MAGIC = {(byte) 0x89, 'M', 'F', 'D', '\r', '\n', 0x1A, '\n'};

  public static final int VERSION = 1;
  public static final int HEADER_SIZE = 100;
  public static final int SECTION_HEADER_SIZE = 32;
  public static final int SECTION_CRC_SIZE = 4;

  /** Upper bound of a section's decoded payload and of the bytes its operations materialize. */
  public static final int MAX_RAW_LENGTH = 4 << 20;

  public static final int MAX_MATERIALIZED = 4 << 20;

  public static final int KIND_DATA = 1;
  public static final int KIND_END = 2;
  public static final int CODEC_STORED = 0;
  public static final int CODEC_ZSTD = 1;

  public static final int OP_COPY = 1;
  public static final int OP_LITERAL = 2;
  public static final int OP_TRANSFORM = 3;
  public static final int OP_DICT_LITERAL = 4;

  /** Upper bound of a dictionary literal's dictionary (a source range). */
  public static final int MAX_DICTIONARY = 4 << 20;

  private PatchFormat() {}

  /** A copy of the 8 magic bytes. */
  public static byte[] magic() {
    return MAGIC.clone();
  }
}
