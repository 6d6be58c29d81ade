package dev.modelfleet.delta.internal.format;

import dev.modelfleet.delta.internal.bytes.ByteBuilder;
import dev.modelfleet.delta.internal.transform.Transform;

/** Appends operations to a decoded section payload. */
public final class OpWriter {
  private OpWriter() {}

  public static void copy(ByteBuilder out, long sourceOffset, long length) {
    out.write(PatchFormat.OP_COPY);
    out.writeVarint(sourceOffset);
    out.writeVarint(length);
  }

  public static void literal(ByteBuilder out, byte[] data, int off, int length) {
    out.write(PatchFormat.OP_LITERAL);
    out.writeVarint(length);
    out.write(data, off, length);
  }

  /**
   * Appends a dictionary literal: {@code payload} is zstd data that decodes to {@code length} bytes
   * with the source range {@code [sourceOffset, sourceOffset + dictionaryLength)} as raw-content
   * dictionary.
   */
  public static void dictionaryLiteral(
      ByteBuilder out,
      long sourceOffset,
      int dictionaryLength,
      long length,
      byte[] payload,
      int off,
      int payloadLength) {
    out.write(PatchFormat.OP_DICT_LITERAL);
    out.writeVarint(sourceOffset);
    out.writeVarint(dictionaryLength);
    out.writeVarint(length);
    out.writeVarint(payloadLength);
    out.write(payload, off, payloadLength);
  }

  /**
   * Appends a transform operation whose payload is produced by {@code transform}'s encoder from
   * {@code old} and {@code neu}.
   */
  public static void transform(
      ByteBuilder out,
      Transform transform,
      long sourceOffset,
      byte[] old,
      int oldOff,
      byte[] neu,
      int newOff,
      int length) {
    transform(out, transform, sourceOffset, old, oldOff, neu, newOff, length, new ByteBuilder(0));
  }

  /** Like the other {@code transform}, encoding the payload in {@code scratch} (reused). */
  public static void transform(
      ByteBuilder out,
      Transform transform,
      long sourceOffset,
      byte[] old,
      int oldOff,
      byte[] neu,
      int newOff,
      int length,
      ByteBuilder scratch) {
    out.write(PatchFormat.OP_TRANSFORM);
    out.write(transform.id());
    out.writeVarint(sourceOffset);
    out.writeVarint(length);
    // The payload's length comes first and varints are minimal: encode the payload first.
    ByteBuilder payload = scratch;
    payload.clear();
    transform.codec().encode(old, oldOff, neu, newOff, length, payload);
    out.writeVarint(payload.size());
    out.write(payload.array(), 0, payload.size());
  }
}
